import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryLogger } from "../core/log";
import { eventually, FeedRecorder } from "../core/testing/recorder";
import type { LiveFeed } from "../core/types";
import type { BinanceConfigInput } from "./config";
import { createBinanceConnector } from "./connector";
import { FakeBinance, recordedKlines, subscribedStreams } from "./fake-server";
import { decodeStreamMessage } from "./ws/streams";

const MINUTE = 60_000;
/** The fixture's rows read without our schemas or mapper: the reference the connector must reproduce. */
const rawRows: [number, string, string, string, string, string][] = JSON.parse(
  readFileSync(new URL("./fixtures/klines-BTCUSDT-1m.json", import.meta.url), "utf8"),
);
const t0 = rawRows[0][0];

let fake: FakeBinance;
let feed: LiveFeed | undefined;
let logger: MemoryLogger;

async function start(options: ConstructorParameters<typeof FakeBinance>[0] = {}) {
  fake = await new FakeBinance(options).start();
  logger = new MemoryLogger();
}

function connector(overrides: BinanceConfigInput = {}) {
  return createBinanceConnector(
    {
      restUrl: fake.httpUrl,
      streamUrl: fake.wsUrl,
      pageLimit: 7,
      reconnectInitialMs: 40,
      reconnectMaxMs: 2_000,
      staleAfterMs: 400,
      ...overrides,
    },
    { logger, random: () => 0.5 },
  );
}

async function live(overrides: BinanceConfigInput = {}, trades = false) {
  feed = connector(overrides).subscribe(["BTCUSDT"], "1m", { trades });
  const recorder = new FeedRecorder(feed);
  await recorder.until((r) => r.statuses().includes("live"), "the feed to go live");
  await eventually(() => fake.openConnections() === 1, "the fake to see the connection");
  return recorder;
}

afterEach(async () => {
  await feed?.close();
  feed = undefined;
  await fake.close();
});

describe("Binance history over REST", () => {
  it("pages through /api/v3/klines and returns every bar of the range once", async () => {
    await start();
    const bars = await connector().history("BTCUSDT", "1m", t0, t0 + 30 * MINUTE);
    expect(bars.time.length, "the fixture holds 30 one-minute klines").toBe(30);
    expect(Array.from(bars.time), "open times, one minute apart").toEqual(rawRows.map((row) => row[0]));
    expect(Array.from(bars.open), "opens as Binance's decimal strings say").toEqual(
      rawRows.map((r) => Number(r[1])),
    );
    expect(Array.from(bars.high)).toEqual(rawRows.map((r) => Number(r[2])));
    expect(Array.from(bars.low)).toEqual(rawRows.map((r) => Number(r[3])));
    expect(Array.from(bars.close)).toEqual(rawRows.map((r) => Number(r[4])));
    expect(Array.from(bars.volume)).toEqual(rawRows.map((r) => Number(r[5])));
    const starts = fake.requests.map((request) => Number(request.query.get("startTime")));
    expect(starts, "pages of 7 start 1 ms after the last open time of the page before").toEqual([
      t0,
      t0 + 6 * MINUTE + 1,
      t0 + 13 * MINUTE + 1,
      t0 + 20 * MINUTE + 1,
      t0 + 27 * MINUTE + 1,
    ]);
  });

  it("keeps only bars inside [from, to)", async () => {
    await start();
    const bars = await connector().history("BTCUSDT", "1m", t0 + 5 * MINUTE, t0 + 10 * MINUTE);
    expect(Array.from(bars.time), "five bars from minute 5, minute 10 excluded").toEqual(
      [5, 6, 7, 8, 9].map((m) => t0 + m * MINUTE),
    );
  });

  it("leaves out the kline that is still forming", async () => {
    await start();
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const bar = { open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 };
    fake.setBars("ETHUSDT", "1m", [
      { time: now - MINUTE, ...bar },
      { time: now, ...bar },
    ]);
    const bars = await connector().history("ETHUSDT", "1m", now - MINUTE, now + MINUTE);
    expect(Array.from(bars.time), "the bar opened at `now` closes in the future").toEqual([now - MINUTE]);
  });

  it("names the symbol Binance did not know", async () => {
    await start();
    await expect(connector().history("NOPE", "1m", t0, t0 + MINUTE)).rejects.toThrow(
      /HTTP 400.*Invalid symbol/,
    );
  });
});

describe("Binance rate limits", () => {
  it("waits out Retry-After on 429 instead of retrying at once", async () => {
    await start();
    fake.limitNext(2, 429, 1);
    const bars = await connector().history("BTCUSDT", "1m", t0, t0 + 5 * MINUTE);
    expect(bars.time.length, "the request succeeds after the limit lifts").toBe(5);
    const [first, second, third] = fake.requests;
    expect(
      fake.requests.map((r) => r.status),
      "two refusals, then one success: no storm",
    ).toEqual([429, 429, 200]);
    expect(second.at - first.at, "Retry-After: 1 means at least a second of silence").toBeGreaterThanOrEqual(
      995,
    );
    expect(third.at - second.at, "the second Retry-After is honoured too").toBeGreaterThanOrEqual(995);
    expect(logger.warnings(), "each limit is logged").toEqual([
      "rate limited; backing off",
      "rate limited; backing off",
    ]);
  });

  it("holds every concurrent request at one gate after a 429", async () => {
    await start();
    fake.limitNext(4, 429, 1);
    const client = connector();
    const ranges = [0, 5, 10, 15].map((m) =>
      client.history("BTCUSDT", "1m", t0 + m * MINUTE, t0 + (m + 5) * MINUTE),
    );
    const results = await Promise.all(ranges);
    expect(
      results.map((bars) => bars.time.length),
      "every range arrives complete",
    ).toEqual([5, 5, 5, 5]);
    const limited = fake.requests.filter((r) => r.status === 429);
    const retried = fake.requests.filter((r) => r.status === 200);
    expect(limited.length + retried.length, "four refusals and four retries, nothing more").toBe(8);
    const lastRefusal = Math.max(...limited.map((r) => r.at));
    for (const request of retried) {
      expect(request.at - lastRefusal, "no retry before the venue's Retry-After").toBeGreaterThanOrEqual(995);
    }
  });

  it("answers a 418 ban with the same backoff", async () => {
    await start();
    fake.limitNext(1, 418, 1);
    const bars = await connector().history("BTCUSDT", "1m", t0, t0 + 2 * MINUTE);
    expect(bars.time.length).toBe(2);
    expect(
      fake.requests[1].at - fake.requests[0].at,
      "the ban's Retry-After is honoured",
    ).toBeGreaterThanOrEqual(995);
  });

  it("gives up with a sentence when the ban outlasts what we are willing to wait", async () => {
    await start();
    fake.limitNext(5, 418, 7200);
    await expect(
      connector({ maxRateLimitWaitMs: 60_000 }).history("BTCUSDT", "1m", t0, t0 + MINUTE),
    ).rejects.toThrow("Binance is rate-limiting us (HTTP 418) and asks to wait 7200 s; try again later.");
    expect(fake.requests.length, "one request, no retries into a ban").toBe(1);
  });
});

describe("Binance kline stream", () => {
  it("delivers closed klines only, with the kline's values", async () => {
    await start();
    const recorder = await live();
    const [a, b] = recordedKlines;
    fake.pushKline("BTCUSDT", "1m", a, false);
    fake.pushKline("BTCUSDT", "1m", a, true);
    fake.pushKline("BTCUSDT", "1m", b, false);
    fake.pushKline("BTCUSDT", "1m", b, true);
    await recorder.until((r) => r.bars().length === 2, "two closed bars");
    expect(recorder.bars(), "forming klines (k.x false) never become bars").toEqual([
      { ...a, symbol: "BTCUSDT", backfilled: false },
      { ...b, symbol: "BTCUSDT", backfilled: false },
    ]);
    expect(fake.connections[0].url.pathname, "combined streams endpoint").toBe("/stream");
    expect(subscribedStreams(fake.connections[0].url)).toEqual(["btcusdt@kline_1m"]);
  });

  it("decodes the recorded payloads: forming yields nothing, closed yields the bar", () => {
    const forming = readFileSync(new URL("./fixtures/stream-kline-forming.json", import.meta.url), "utf8");
    const closed = readFileSync(new URL("./fixtures/stream-kline-closed.json", import.meta.url), "utf8");
    expect(decodeStreamMessage(forming, "1m"), "x: false").toEqual([]);
    expect(decodeStreamMessage(closed, "1m"), "x: true, values of the first fixture row").toEqual([
      { type: "bar", symbol: "BTCUSDT", bar: recordedKlines[0] },
    ]);
  });

  it("delivers trades when asked", async () => {
    await start();
    const recorder = await live({}, true);
    expect(subscribedStreams(fake.connections[0].url)).toEqual(["btcusdt@kline_1m", "btcusdt@trade"]);
    fake.pushTrade("BTCUSDT", 7, t0 + 1234, 61131.5, 0.25);
    await recorder.until((r) => r.events.some((e) => e.kind === "trade"), "a trade");
    expect(recorder.events.find((e) => e.kind === "trade")).toEqual({
      kind: "trade",
      trade: { symbol: "BTCUSDT", time: t0 + 1234, price: 61131.5, size: 0.25 },
    });
  });

  it("rejects and logs malformed payloads while the stream goes on", async () => {
    await start();
    const recorder = await live();
    const stream = "btcusdt@kline_1m";
    fake.pushRaw("{not json", stream);
    fake.pushRaw(
      JSON.stringify({ stream, data: { e: "kline", E: 1, s: "BTCUSDT", k: { t: "soon" } } }),
      stream,
    );
    fake.pushKline("BTCUSDT", "1m", recordedKlines[0], true);
    await recorder.until((r) => r.bars().length === 1, "the valid bar after the bad ones");
    expect(logger.warnings(), "both bad frames are logged").toEqual([
      "malformed payload rejected",
      "malformed payload rejected",
    ]);
    expect(fake.connections.length, "a bad frame does not cost the connection").toBe(1);
    expect(feed?.status).toBe("live");
  });

  it("answers the venue's pings so the venue keeps the connection", async () => {
    await start({ pingIntervalMs: 40 });
    const recorder = await live();
    for (let i = 0; i < 8; i++) {
      fake.pushKline("BTCUSDT", "1m", recordedKlines[0], false);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(fake.connections[0].pongs, "a pong for each of the server's pings").toBeGreaterThanOrEqual(5);
    expect(fake.connections.length, "the venue never had to drop us").toBe(1);
    expect(recorder.statuses()).toEqual(["connecting", "live"]);
  });

  it("marks an open but silent stream stale and replaces the socket", async () => {
    await start();
    const recorder = await live({ staleAfterMs: 150 });
    await eventually(() => fake.connections.length === 2, "a second connection after the silence");
    await recorder.until((r) => r.statuses().lastIndexOf("live") > 1, "live again");
    expect(recorder.statuses().slice(0, 5), "silence → stale → reconnecting → live").toEqual([
      "connecting",
      "live",
      "stale",
      "reconnecting",
      "live",
    ]);
    const first = fake.connections[0];
    expect(
      (first.closedAt ?? 0) - first.openedAt,
      "not closed before the stale limit",
    ).toBeGreaterThanOrEqual(145);
  });

  it("reconnects with growing, jittered waits after the venue drops the socket, then resubscribes", async () => {
    await start();
    const recorder = await live({ reconnectInitialMs: 40 });
    fake.refuseNextConnections(3);
    const droppedAt = Date.now();
    fake.dropAll();
    await eventually(
      () => fake.connections.length === 5 && fake.openConnections() === 1,
      "the fifth connection",
    );
    const opened = [droppedAt, ...fake.connections.slice(1).map((c) => c.openedAt)];
    const waits = opened.slice(1).map((at, i) => at - opened[i]);
    // random() = 0.5 puts each wait at 3/4 of its ceiling: 40, 80, 160, 320 ms ceilings.
    [30, 60, 120, 240].forEach((expected, i) => {
      expect(waits[i], `wait ${i + 1} is at least 3/4 of its ceiling`).toBeGreaterThanOrEqual(expected - 2);
    });
    expect(waits[3] > waits[2] && waits[2] > waits[1] && waits[1] > waits[0], `waits grow: ${waits}`).toBe(
      true,
    );
    expect(subscribedStreams(fake.connections[4].url), "the new connection carries the subscription").toEqual(
      ["btcusdt@kline_1m"],
    );
    await recorder.until((r) => r.statuses().at(-1) === "live", "live again");
    fake.pushKline("BTCUSDT", "1m", recordedKlines[0], true);
    await recorder.until((r) => r.bars().length === 1, "a bar on the new connection");
    const flaps = Array.from({ length: 4 }, () => ["reconnecting", "live"]).flat();
    expect(recorder.statuses(), "each refused connection opened, then dropped: four rounds").toEqual([
      "connecting",
      "live",
      ...flaps,
    ]);
  });

  it("detects a skipped kline and backfills it over REST before the next bar", async () => {
    await start();
    const recorder = await live();
    fake.pushKline("BTCUSDT", "1m", recordedKlines[0], true);
    fake.pushKline("BTCUSDT", "1m", recordedKlines[3], true);
    await recorder.until((r) => r.bars().length === 4, "four bars");
    expect(
      recorder.bars().map((b) => [b.time, b.close, b.backfilled]),
      "minutes 1 and 2 come from REST, in order, before minute 3",
    ).toEqual([0, 1, 2, 3].map((i) => [t0 + i * MINUTE, recordedKlines[i].close, i === 1 || i === 2]));
    const backfill = fake.requests.at(-1);
    expect(Number(backfill?.query.get("startTime")), "the backfill starts at the first missing minute").toBe(
      t0 + MINUTE,
    );
    expect(Number(backfill?.query.get("endTime"))).toBe(t0 + 3 * MINUTE - 1);
  });

  it("survives the venue's forced disconnect after the connection lifetime, without losing bars", async () => {
    await start({ lifetimeMs: 500 });
    const recorder = await live({ staleAfterMs: 5_000 });
    fake.pushKline("BTCUSDT", "1m", recordedKlines[0], true);
    await eventually(
      () => fake.connections.length === 2 && fake.openConnections() === 1,
      "the second connection",
    );
    const first = fake.connections[0];
    expect(
      (first.closedAt ?? 0) - first.openedAt,
      "the venue closed it at its lifetime",
    ).toBeGreaterThanOrEqual(495);
    // Minute 1 closed while we were away; minute 2 arrives on the new connection.
    fake.pushKline("BTCUSDT", "1m", recordedKlines[2], true);
    await recorder.until((r) => r.bars().length === 3, "three bars");
    expect(recorder.bars().map((b) => [b.time, b.backfilled])).toEqual([
      [t0, false],
      [t0 + MINUTE, true],
      [t0 + 2 * MINUTE, false],
    ]);
  });

  it("goes down after too many failed connections and says why", async () => {
    await start();
    const recorder = await live({ maxReconnects: 2, reconnectInitialMs: 10 });
    fake.refuseNextConnections(10);
    fake.dropAll();
    await recorder.done;
    const last = recorder.events.at(-1);
    expect(last, "the last event explains the end").toMatchObject({ kind: "status", status: "down" });
    expect(last?.kind === "status" && last.reason).toMatch(/gave up after 2 attempts/);
    expect(fake.connections.length, "the first connection and two retries").toBe(3);
  });
});
