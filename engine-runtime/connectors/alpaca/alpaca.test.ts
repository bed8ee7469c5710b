import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { MemoryLogger } from "../core/log";
import { eventually, FeedRecorder } from "../core/testing/recorder";
import type { LiveFeed } from "../core/types";
import type { AlpacaConfigInput } from "./config";
import { createAlpacaConnector } from "./connector";
import { FakeAlpaca } from "./fake-server";

const MINUTE = 60_000;
const KEY = { keyId: "PKTEST1234567890ABCD", secretKey: "s3cr3t-s3cr3t-s3cr3t-s3cr3t" };
/** The fixtures read without our schemas or mapper: the reference values. */
const stockRows: { t: string; o: number; h: number; l: number; c: number; v: number }[] = JSON.parse(
  readFileSync(new URL("./fixtures/stock-bars-AAPL-1Min.json", import.meta.url), "utf8"),
).bars;
const cryptoRows: typeof stockRows = JSON.parse(
  readFileSync(new URL("./fixtures/crypto-bars-BTCUSD-1Min.json", import.meta.url), "utf8"),
).bars["BTC/USD"];
const t0 = Date.parse(stockRows[0].t);
const minuteBar = (i: number) => {
  const r = stockRows[i];
  return { time: Date.parse(r.t), open: r.o, high: r.h, low: r.l, close: r.c, volume: r.v };
};

let fake: FakeAlpaca;
let feed: LiveFeed | undefined;
let logger: MemoryLogger;

async function start(options: { lifetimeMs?: number } = {}) {
  fake = await new FakeAlpaca({ ...KEY, ...options }).start();
  logger = new MemoryLogger();
}

function connector(overrides: Partial<AlpacaConfigInput> = {}) {
  return createAlpacaConnector(
    {
      ...KEY,
      dataUrl: fake.httpUrl,
      streamUrl: fake.wsUrl,
      pageLimit: 6,
      reconnectInitialMs: 40,
      reconnectMaxMs: 2_000,
      staleAfterMs: 400,
      pongsCountAsData: false,
      ...overrides,
    },
    { logger, random: () => 0.5 },
  );
}

async function live(
  symbols = ["AAPL"],
  timeframe: "1m" | "5m" = "1m",
  overrides: Partial<AlpacaConfigInput> = {},
) {
  feed = connector(overrides).subscribe(symbols, timeframe, { trades: true });
  const recorder = new FeedRecorder(feed);
  await recorder.until((r) => r.statuses().includes("live"), "the feed to go live");
  return recorder;
}

afterEach(async () => {
  await feed?.close();
  feed = undefined;
  await fake.close();
});

describe("Alpaca history over REST", () => {
  it("follows next_page_token through every page of stock bars, with the key headers", async () => {
    await start();
    const bars = await connector().history("AAPL", "1m", t0, t0 + 20 * MINUTE);
    expect(Array.from(bars.time), "20 minutes from the open").toEqual(stockRows.map((r) => Date.parse(r.t)));
    expect(Array.from(bars.close)).toEqual(stockRows.map((r) => r.c));
    expect(Array.from(bars.volume)).toEqual(stockRows.map((r) => r.v));
    expect(fake.requests.length, "pages of 6 bars: 6 + 6 + 6 + 2").toBe(4);
    expect(
      fake.requests.map((r) => r.query.get("page_token")),
      "the first page has no token",
    ).toEqual([null, expect.any(String), expect.any(String), expect.any(String)]);
    expect(fake.requests[0].query.get("timeframe")).toBe("1Min");
    expect(fake.requests[0].query.get("feed"), "the free feed by default").toBe("iex");
    expect(fake.requests[0].headers["apca-api-key-id"]).toBe(KEY.keyId);
  });

  it("reads crypto bars keyed by symbol", async () => {
    await start();
    const bars = await connector({ pageLimit: 4 }).history("BTC/USD", "1m", t0, t0 + 10 * MINUTE);
    expect(Array.from(bars.close), "the ten recorded BTC/USD closes").toEqual(cryptoRows.map((r) => r.c));
    expect(Array.from(bars.volume), "fractional crypto volumes survive").toEqual(cryptoRows.map((r) => r.v));
    expect(fake.requests.map((r) => r.path)).toEqual(Array(3).fill("/v1beta3/crypto/us/bars"));
  });

  it("moves daily bars from New York midnight to their UTC date", async () => {
    await start();
    fake.setStockBars("AAPL", "1Day", [
      { t: "2024-03-01T05:00:00Z", o: 179.55, h: 180.53, l: 177.38, c: 179.66, v: 73563082 },
    ]);
    const bars = await connector().history("AAPL", "1d", Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 2));
    expect(Array.from(bars.time), "2024-03-01 00:00 UTC, like the CSV samples").toEqual([
      Date.UTC(2024, 2, 1),
    ]);
  });

  it("says the key was refused", async () => {
    await start();
    await expect(connector({ secretKey: "wrong" }).history("AAPL", "1m", t0, t0 + MINUTE)).rejects.toThrow(
      "Alpaca refused GET /v2/stocks/AAPL/bars with HTTP 401",
    );
  });

  it("waits for X-RateLimit-Reset after a 429", async () => {
    await start();
    fake.limitNext(1, 1);
    const bars = await connector().history("AAPL", "1m", t0, t0 + 3 * MINUTE);
    expect(bars.time.length).toBe(3);
    expect(
      fake.requests.map((r) => r.status),
      "one refusal, one retry",
    ).toEqual([429, 200]);
    expect(fake.requests[1].at - fake.requests[0].at, "not before the reset second").toBeGreaterThanOrEqual(
      990,
    );
  });
});

describe("Alpaca stream", () => {
  it("authenticates, subscribes, and only then reports live", async () => {
    await start();
    const recorder = await live();
    const sent = fake.connections[0].received.map((text) => JSON.parse(text));
    expect(sent, "auth message, then the subscription").toEqual([
      { action: "auth", key: KEY.keyId, secret: KEY.secretKey },
      { action: "subscribe", bars: ["AAPL"], trades: ["AAPL"] },
    ]);
    expect(fake.connections[0].url.pathname, "the IEX stock feed").toBe("/v2/iex");
    expect(recorder.statuses()).toEqual(["connecting", "live"]);
    fake.pushBar("AAPL", minuteBar(0));
    fake.pushTrade("AAPL", t0 + 1500, 179.56, 100);
    await recorder.until(
      (r) => r.bars().length === 1 && r.events.some((e) => e.kind === "trade"),
      "a bar and a trade",
    );
    expect(recorder.bars()).toEqual([{ ...minuteBar(0), symbol: "AAPL", backfilled: false }]);
  });

  it("builds 5-minute bars from minute bars", async () => {
    await start();
    const recorder = await live(["AAPL"], "5m");
    for (let i = 0; i < 6; i++) fake.pushBar("AAPL", minuteBar(i));
    await recorder.until((r) => r.bars().length === 1, "one 5-minute bar");
    await new Promise((resolve) => setTimeout(resolve, 30));
    const first = stockRows.slice(0, 5);
    expect(recorder.bars(), "14:30–14:34 make one bar; 14:35 opens the next").toEqual([
      {
        time: t0,
        open: first[0].o,
        high: Math.max(...first.map((r) => r.h)),
        low: Math.min(...first.map((r) => r.l)),
        close: first[4].c,
        volume: first.reduce((sum, r) => sum + r.v, 0),
        symbol: "AAPL",
        backfilled: false,
      },
    ]);
  });

  it("goes down without retrying when the key is refused", async () => {
    await start();
    feed = connector({ secretKey: "wrong" }).subscribe(["AAPL"], "1m");
    const recorder = new FeedRecorder(feed);
    await recorder.done;
    expect(recorder.statuses()).toEqual(["connecting", "down"]);
    const last = recorder.events.at(-1);
    expect(last?.kind === "status" && last.reason).toBe("Alpaca refused the stream: auth failed (code 402)");
    expect(fake.connections.length, "a wrong key is not retried").toBe(1);
    expect(JSON.stringify(logger.entries), "the secret never reaches the log").not.toContain("wrong");
  });

  it("backs off while another connection holds the one Alpaca allows, then takes over", async () => {
    await start();
    const other = new WebSocket(`${fake.wsUrl}/v2/iex`);
    await new Promise((resolve) => other.once("open", resolve));
    other.send(JSON.stringify({ action: "auth", key: KEY.keyId, secret: KEY.secretKey }));
    await eventually(
      () => [...fake.subscriptions.values()].some((s) => s.authenticated),
      "the other app to log in",
    );
    feed = connector().subscribe(["AAPL"], "1m");
    const recorder = new FeedRecorder(feed);
    await eventually(() => fake.connections.length >= 3, "two refused attempts");
    other.close();
    await recorder.until((r) => r.statuses().at(-1) === "live", "live once the slot is free");
    expect(logger.warnings(), "each 406 is logged").toContain("venue refused the stream");
    const refusedAt = fake.connections.slice(1).map((c) => c.openedAt);
    expect(refusedAt[1] - refusedAt[0], "attempts are spaced by the backoff").toBeGreaterThanOrEqual(28);
  });

  it("reconnects and resubscribes after a drop", async () => {
    await start();
    const recorder = await live();
    fake.dropAll();
    await recorder.until((r) => r.statuses().lastIndexOf("live") > 1, "live again");
    const again = fake.connections[1].received.map((text) => JSON.parse(text).action);
    expect(again, "the new connection logs in and subscribes again").toEqual(["auth", "subscribe"]);
    expect(recorder.statuses()).toEqual(["connecting", "live", "reconnecting", "live"]);
    fake.pushBar("AAPL", minuteBar(0));
    await recorder.until((r) => r.bars().length === 1, "a bar on the new connection");
  });

  it("marks a silent stream stale when pongs do not count, and keeps it when they do", async () => {
    await start();
    const recorder = await live(["AAPL"], "1m", { staleAfterMs: 150 });
    await recorder.until((r) => r.statuses().includes("stale"), "stale after 150 ms of silence");
    await eventually(() => fake.connections.length === 2, "a replacement connection");
    await feed?.close();
    const patient = await live(["AAPL"], "1m", { staleAfterMs: 150, pongsCountAsData: true });
    const before = fake.connections.length;
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(fake.connections.length, "pongs keep a quiet market's socket").toBe(before);
    expect(patient.statuses()).toEqual(["connecting", "live"]);
  });

  it("backfills skipped minutes over REST", async () => {
    await start();
    const recorder = await live();
    fake.pushBar("AAPL", minuteBar(0));
    fake.pushBar("AAPL", minuteBar(3));
    await recorder.until((r) => r.bars().length === 4, "four minutes");
    expect(recorder.bars().map((b) => [b.time, b.close, b.backfilled])).toEqual(
      [0, 1, 2, 3].map((i) => [t0 + i * MINUTE, stockRows[i].c, i === 1 || i === 2]),
    );
  });

  it("rejects and logs malformed frames while the stream goes on", async () => {
    await start();
    const recorder = await live();
    fake.pushRaw("nope");
    fake.pushRaw(JSON.stringify([{ T: "b", S: "AAPL", o: "179.5", t: "yesterday" }]));
    fake.pushBar("AAPL", minuteBar(0));
    await recorder.until((r) => r.bars().length === 1, "the good bar");
    expect(logger.warnings()).toEqual(["malformed payload rejected", "malformed payload rejected"]);
    expect(fake.connections.length).toBe(1);
  });

  it("comes back after the venue's connection lifetime and fills the minute it missed", async () => {
    await start({ lifetimeMs: 500 });
    const recorder = await live(["AAPL"], "1m", { staleAfterMs: 5_000 });
    fake.pushBar("AAPL", minuteBar(0));
    await eventually(() => fake.connections.length === 2, "the second connection");
    await recorder.until((r) => r.statuses().lastIndexOf("live") > 1, "live again");
    fake.pushBar("AAPL", minuteBar(2));
    await recorder.until((r) => r.bars().length === 3, "three minutes");
    expect(recorder.bars().map((b) => b.backfilled)).toEqual([false, true, false]);
  });

  it("refuses to mix stocks and crypto in one subscription", async () => {
    await start();
    expect(() => connector().subscribe(["AAPL", "BTC/USD"], "1m")).toThrow(
      "Alpaca streams stocks and crypto on separate connections; subscribe to BTC/USD separately from AAPL.",
    );
  });
});
