import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { barAt } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { createBinanceConnector } from "../binance/connector";
import { FakeBinance } from "../binance/fake-server";
import { MemoryLogger } from "../core/log";
import { BarStore, type SqlRunner } from "./bar-store";

const MINUTE = 60_000;
const t0 = Date.UTC(2024, 2, 1);
const bars = syntheticBars({ count: 60, startTime: t0, intervalMs: MINUTE, seed: 4 });

let db: Database;
let sql: SqlRunner;
let fake: FakeBinance;

beforeAll(async () => {
  db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  await migrate(db);
  sql = { query: (text, params) => db.withConnection((c) => c.query(text, params)) };
  fake = await new FakeBinance().start();
  fake.setBars(
    "ETHUSDT",
    "1m",
    Array.from({ length: 60 }, (_, i) => barAt(bars, i)),
  );
});
afterAll(async () => {
  await fake?.close();
  await db?.close();
});

const binance = () =>
  createBinanceConnector({ restUrl: fake.httpUrl, streamUrl: fake.wsUrl }, { logger: new MemoryLogger() });

describe("BarStore on PGlite", () => {
  it("keeps one bar per time: a rewrite replaces, never duplicates", async () => {
    const store = new BarStore(sql);
    const key = { venue: "test", symbol: "DUP", timeframe: "1m" as const };
    await store.write(key, {
      time: bars.time.subarray(0, 10),
      open: bars.open.subarray(0, 10),
      high: bars.high.subarray(0, 10),
      low: bars.low.subarray(0, 10),
      close: bars.close.subarray(0, 10),
      volume: bars.volume.subarray(0, 10),
    });
    const revised = Float64Array.from(bars.close.subarray(5, 15), (c) => c + 1);
    await store.write(key, {
      time: bars.time.subarray(5, 15),
      open: bars.open.subarray(5, 15),
      high: Float64Array.from(bars.high.subarray(5, 15), (h) => h + 1),
      low: bars.low.subarray(5, 15),
      close: revised,
      volume: bars.volume.subarray(5, 15),
    });
    const stored = await store.read(key, t0, t0 + 60 * MINUTE);
    expect(stored.time.length, "10 + 10 bars overlapping by 5 are 15 bars").toBe(15);
    expect(Array.from(stored.time)).toEqual(Array.from(bars.time.subarray(0, 15)));
    expect(stored.close[4], "untouched by the second write").toBe(bars.close[4]);
    expect(stored.close[5], "the later write wins").toBe(revised[0]);
  });

  it("round-trips float8 values exactly", async () => {
    const store = new BarStore(sql);
    const key = { venue: "test", symbol: "EXACT", timeframe: "1m" as const };
    await store.write(key, bars);
    const stored = await store.read(key, t0, t0 + 60 * MINUTE);
    expect(Array.from(stored.close), "double precision in, the same doubles out").toEqual(
      Array.from(bars.close),
    );
    expect(Array.from(stored.volume)).toEqual(Array.from(bars.volume));
  });

  it("syncs incrementally: asks the venue only for ranges not fetched before", async () => {
    const store = new BarStore(sql);
    const connector = binance();
    const first = await store.sync(connector, "ETHUSDT", "1m", t0, t0 + 10 * MINUTE);
    expect(first.bars.time.length).toBe(10);
    const before = fake.requests.length;
    const second = await store.sync(connector, "ETHUSDT", "1m", t0 + 5 * MINUTE, t0 + 20 * MINUTE);
    expect(second.fetched, "only minutes 10–19 were missing").toEqual([
      { from: t0 + 10 * MINUTE, to: t0 + 20 * MINUTE },
    ]);
    expect(Array.from(second.bars.close), "stored bars equal the venue's").toEqual(
      Array.from(bars.close.subarray(5, 20)),
    );
    expect(Number(fake.requests[before].query.get("startTime"))).toBe(t0 + 10 * MINUTE);
    const third = await store.sync(connector, "ETHUSDT", "1m", t0, t0 + 20 * MINUTE);
    expect(third.fetched, "everything is covered now").toEqual([]);
    expect(fake.requests.length, "no request for a covered range").toBe(before + 1);
  });

  it("does not mark the forming bar as covered", async () => {
    const store = new BarStore(sql);
    const now = t0 + 30 * MINUTE + 20_000;
    const result = await store.sync(binance(), "ETHUSDT", "1m", t0 + 25 * MINUTE, t0 + 35 * MINUTE, now);
    expect(result.fetched, "up to the start of the minute still forming").toEqual([
      { from: t0 + 25 * MINUTE, to: t0 + 30 * MINUTE },
    ]);
    expect(
      await store.missing(
        { venue: "binance", symbol: "ETHUSDT", timeframe: "1m" },
        t0 + 25 * MINUTE,
        t0 + 35 * MINUTE,
      ),
      "a later sync fetches the rest",
    ).toEqual([{ from: t0 + 30 * MINUTE, to: t0 + 35 * MINUTE }]);
  });

  it("lists series with coverage and known gaps", async () => {
    const store = new BarStore(sql);
    const key = { venue: "binance", symbol: "ETHUSDT", timeframe: "1m" as const };
    await store.recordGap(key, { from: t0 + 40 * MINUTE, to: t0 + 42 * MINUTE }, "backfill failed: HTTP 500");
    const listed = (await store.list()).find((s) => s.venue === "binance" && s.symbol === "ETHUSDT");
    expect(listed).toEqual({
      ...key,
      bars: 25,
      first: t0,
      last: t0 + 29 * MINUTE,
      coverage: [
        { from: t0, to: t0 + 20 * MINUTE },
        { from: t0 + 25 * MINUTE, to: t0 + 30 * MINUTE },
      ],
      gaps: [{ from: t0 + 40 * MINUTE, to: t0 + 42 * MINUTE, reason: "backfill failed: HTTP 500" }],
    });
  });
});
