import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { decodeBars, type EncodedBars } from "@/app/_features/data/bars";
import { sliceBars } from "@/engine-runtime/data/bars";
import { parseBarsCsv } from "@/engine-runtime/data/csv";
import type { DatasetSummary } from "@/server/data/service";
import { describeWithService, testRedisUrl } from "@/server/testing/backends";
import { type Client, signedUpClient } from "@/server/testing/client";
import { startTestServer, type TestServer } from "@/server/testing/server";
import { HotBars } from "./hot-cache";
import { createRedisUploadParts } from "./uploads";

/** The Redis side of market data: recent bars kept hot, and upload parts shared by instances. */
const parsed = parseBarsCsv(readFileSync("public/samples/2006-day-001.csv", "utf8"));
if (!parsed.ok) throw new Error("the sample did not parse");
const bars = parsed.bars;

describeWithService("market data on Redis", "TEST_REDIS_URL", testRedisUrl, (url) => {
  let redis: Redis;
  const prefix = `strata-test:${Date.now()}:`;
  beforeAll(() => {
    redis = new Redis(url);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("keeps the newest bars exactly and answers only for the range it holds", async () => {
    const hot = new HotBars(redis, { maxBars: 100, ttlMs: 60_000, prefix });
    const n = bars.time.length;
    await hot.keep("series-a", bars, -1e15, 1e15);
    expect(
      await hot.read("series-a", -1e15, 1e15),
      "255 bars do not fit in 100: not the whole range",
    ).toBeNull();
    const recent = await hot.read("series-a", bars.time[n - 100], 1e15);
    expect(Array.from(recent!.close), "the newest 100 closes, bit for bit").toEqual(
      Array.from(bars.close.subarray(n - 100)),
    );
    const tail = await hot.tail("series-a", 1e15, 30);
    expect(Array.from(tail!.time)).toEqual(Array.from(bars.time.subarray(n - 30)));
    expect(await hot.tail("series-a", 1e15, 101), "more than it holds").toBeNull();
    expect(await redis.pttl(`${prefix}series-a`), "entries expire").toBeGreaterThan(0);
    await hot.forget("series-a");
    expect(await hot.read("series-a", bars.time[n - 10], 1e15), "forgotten after a write").toBeNull();

    const small = sliceBars(bars, 0, 50);
    await hot.keep("series-b", small, 0, 1e15);
    const whole = await hot.read("series-b", 0, 1e15);
    expect(Array.from(whole!.volume), "a small series is held whole").toEqual(Array.from(small.volume));
  });

  it("assembles upload parts in order across instances", async () => {
    const first = createRedisUploadParts(redis, prefix);
    const other = new Redis(url);
    const second = createRedisUploadParts(other, prefix);
    expect(await first.add("u1", 0, 2, "Date,Open\n")).toBeNull();
    expect(await second.add("u1", 1, 2, "2006-01-02,1\n"), "another instance finishes it").toBe(
      "Date,Open\n2006-01-02,1\n",
    );
    await expect(second.add("u2", 1, 2, "x")).rejects.toThrow(
      "Part 2 of the upload arrived but part 1 was expected",
    );
    other.disconnect();
  });

  describeServer(url);
});

function describeServer(url: string) {
  let server: TestServer;
  let owner: { client: Client; userId: string };
  beforeAll(async () => {
    server = await startTestServer({ redisUrl: url });
    owner = await signedUpClient(server.url);
  });
  afterAll(async () => server?.close());

  it("serves a dataset's bars through the hot cache", async () => {
    const stored = await owner.client.call("data.upload", {
      name: "Hot",
      csv: readFileSync("public/samples/2006-day-001.csv", "utf8"),
    });
    const { dataset } = stored.data as { dataset: DatasetSummary };
    const first = decodeBars(
      (await owner.client.call("data.bars", { id: dataset.id }, "query")).data as EncodedBars,
    );
    expect(first.time.length).toBe(255);
    // With the bars gone from the database, only the cache can answer.
    await server.services.db.withConnection((c) => c.query(`DELETE FROM "market_bars"`));
    const second = decodeBars(
      (await owner.client.call("data.bars", { id: dataset.id }, "query")).data as EncodedBars,
    );
    expect(Array.from(second.close), "the second read comes from Redis").toEqual(Array.from(bars.close));
    await owner.client.call("data.deleteDataset", { id: dataset.id });
  });
}
