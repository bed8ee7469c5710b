import { afterEach, describe, expect, it } from "vitest";
import { barAt } from "@/engine-runtime/data/bars";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { MemoryLogger } from "../core/log";
import { createYahooConnector } from "./connector";
import { FakeYahoo, recordedDaily } from "./fake-server";

const DAY = 86_400_000;
const HOUR = 3_600_000;
let fake: FakeYahoo;
let logger: MemoryLogger;

async function start() {
  fake = await new FakeYahoo().start();
  logger = new MemoryLogger();
}
const connector = () =>
  createYahooConnector(
    { baseUrl: fake.httpUrl, reconnectInitialMs: 50, reconnectMaxMs: 400 },
    { logger, random: () => 0.5 },
  );

afterEach(async () => fake.close());

describe("Yahoo Finance chart history", () => {
  it("reads daily bars at their New York date and skips the null session", async () => {
    await start();
    const bars = await connector().history("AAPL", "1d", Date.UTC(2024, 1, 26), Date.UTC(2024, 2, 9));
    const kept = recordedDaily.timestamp
      .map((_, i) => i)
      .filter((i) => recordedDaily.quote.close[i] !== null);
    expect(bars.time.length, "ten sessions, one of them null in the recording").toBe(9);
    // 14:30 UTC open minus 5 h of EST is still the same date: the bar moves to 00:00 UTC of that date.
    expect(Array.from(bars.time)).toEqual(
      kept.map((i) => Math.floor(recordedDaily.timestamp[i] / 86_400) * DAY),
    );
    expect(Array.from(bars.close)).toEqual(kept.map((i) => recordedDaily.quote.close[i]));
    expect(Array.from(bars.volume)).toEqual(kept.map((i) => recordedDaily.quote.volume[i]));
    expect(fake.requests[0].query.get("interval")).toBe("1d");
  });

  it("splits minute history into the 7-day windows Yahoo serves", async () => {
    await start();
    const from = Date.UTC(2024, 2, 1);
    const minutes = syntheticBars({ count: 10 * 24 * 60, startTime: from, intervalMs: 60_000, seed: 3 });
    fake.setBars(
      "BTC-USD",
      "1m",
      Array.from({ length: minutes.time.length }, (_, i) => barAt(minutes, i)),
    );
    const bars = await connector().history("BTC-USD", "1m", from, from + 10 * DAY);
    expect(bars.time.length, "every minute of ten days").toBe(minutes.time.length);
    expect(bars.close[12_345], "values come through unchanged").toBe(minutes.close[12_345]);
    expect(
      fake.requests.map((r) => Number(r.query.get("period1")) * 1000),
      "a window of 7 days, then the remaining 3",
    ).toEqual([from, from + 7 * DAY]);
  });

  it("builds 4-hour bars from 60-minute bars, as Yahoo has no 4h interval", async () => {
    await start();
    const from = Date.UTC(2024, 2, 1);
    const hours = syntheticBars({ count: 8, startTime: from, intervalMs: HOUR, seed: 9 });
    fake.setBars(
      "EURUSD=X",
      "60m",
      Array.from({ length: 8 }, (_, i) => barAt(hours, i)),
    );
    const bars = await connector().history("EURUSD=X", "4h", from, from + 8 * HOUR);
    expect(fake.requests[0].query.get("interval")).toBe("60m");
    expect(Array.from(bars.time)).toEqual([from, from + 4 * HOUR]);
    expect(bars.high[0], "highest of the first four hours").toBe(Math.max(...hours.high.subarray(0, 4)));
    expect(bars.close[1], "close of the eighth hour").toBe(hours.close[7]);
  });

  it("names a symbol Yahoo does not know", async () => {
    await start();
    await expect(
      connector().history("NOPE", "1d", Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)),
    ).rejects.toThrow(/HTTP 404.*No data found, symbol may be delisted/);
  });

  it("backs off on 429 without Retry-After: growing waits, one request at a time", async () => {
    await start();
    fake.limitNext(2);
    const bars = await connector().history("AAPL", "1d", Date.UTC(2024, 1, 26), Date.UTC(2024, 2, 9));
    expect(bars.time.length).toBe(9);
    const [a, b, c] = fake.requests.map((r) => r.at);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(b - a, "first wait: 3/4 of 50 ms").toBeGreaterThanOrEqual(36);
    expect(c - b, "second wait: 3/4 of 100 ms").toBeGreaterThanOrEqual(73);
  });

  it("rejects a malformed chart payload with the field that is wrong", async () => {
    await start();
    fake.answerNextWith(JSON.stringify({ chart: { result: [{ meta: { symbol: "AAPL" } }], error: null } }));
    await expect(
      connector().history("AAPL", "1d", Date.UTC(2024, 1, 26), Date.UTC(2024, 2, 9)),
    ).rejects.toThrow(
      /Yahoo Finance GET \/v8\/finance\/chart\/AAPL sent a payload we do not understand: chart\.result\.0\.meta\.gmtoffset/,
    );
  });
});
