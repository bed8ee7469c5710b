import { readFileSync } from "node:fs";
import type { Bar } from "@/engine-runtime/data/bars";
import { TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";
import { FakeVenue, type FakeVenueOptions } from "../core/testing/fake-venue";
import { barFromRow } from "./mapper";
import { type KlineRow, klinesResponse } from "./schemas/klines";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

/** The recorded BTCUSDT 1m klines the fake serves unless a test sets other bars. */
export const recordedKlines: Bar[] = klinesResponse
  .parse(JSON.parse(fixture("klines-BTCUSDT-1m.json")))
  .map(barFromRow);
export const tooManyRequests = JSON.parse(fixture("error-429.json"));

/**
 * Binance spot on 127.0.0.1: GET /api/v3/klines (startTime, endTime, limit; an unknown symbol is
 * -1121) and combined streams on /stream?streams=a/b, pushed by the test with `pushKline`.
 */
export class FakeBinance extends FakeVenue {
  #bars = new Map<string, Bar[]>([["BTCUSDT:1m", recordedKlines]]);

  constructor(options: FakeVenueOptions = {}) {
    super(options);
    this.route("/api/v3/klines", (query) => {
      const symbol = query.get("symbol") ?? "";
      const interval = query.get("interval") as Timeframe;
      const bars = this.#bars.get(`${symbol}:${interval}`);
      if (!bars) return { status: 400, body: { code: -1121, msg: "Invalid symbol." } };
      const start = Number(query.get("startTime") ?? 0);
      const end = Number(query.get("endTime") ?? Number.MAX_SAFE_INTEGER);
      const limit = Math.min(1000, Number(query.get("limit") ?? 500));
      const rows = bars.filter((bar) => bar.time >= start && bar.time <= end).slice(0, limit);
      return { status: 200, body: rows.map((bar) => klineRowOf(bar, TIMEFRAME_MS[interval])) };
    });
  }

  setBars(symbol: string, timeframe: Timeframe, bars: Bar[]): void {
    this.#bars.set(`${symbol}:${timeframe}`, bars);
  }

  /** Rate-limits the next `count` REST requests the way Binance does (418 is its ban after ignored 429s). */
  limitNext(count: number, status: 429 | 418, retryAfterSeconds: number): void {
    this.rateLimitNext(count, {
      status,
      body: tooManyRequests,
      headers: { "retry-after": String(retryAfterSeconds) },
    });
  }

  /** Sends a kline update to the connections subscribed to its stream; returns how many got it. */
  pushKline(symbol: string, timeframe: Timeframe, bar: Bar, closed: boolean): number {
    const stream = `${symbol.toLowerCase()}@kline_${timeframe}`;
    return this.pushRaw(
      JSON.stringify({ stream, data: klineEventOf(symbol, timeframe, bar, closed) }),
      stream,
    );
  }

  pushTrade(symbol: string, id: number, time: number, price: number, quantity: number): number {
    const stream = `${symbol.toLowerCase()}@trade`;
    const data = {
      e: "trade",
      E: time + 1,
      s: symbol,
      t: id,
      p: price.toFixed(8),
      q: quantity.toFixed(8),
      T: time,
      m: false,
      M: true,
    };
    return this.pushRaw(JSON.stringify({ stream, data }), stream);
  }

  /** Any text to the connections subscribed to `stream`: how tests inject malformed payloads. */
  pushRaw(text: string, stream: string): number {
    return this.broadcast(text, (record) => subscribedStreams(record.url).includes(stream));
  }
}

export function subscribedStreams(url: URL): string[] {
  return (url.searchParams.get("streams") ?? "").split("/").filter(Boolean);
}

export function klineRowOf(bar: Bar, intervalMs: number): KlineRow {
  const quote = bar.volume * ((bar.open + bar.close) / 2);
  return [
    bar.time,
    bar.open.toFixed(8),
    bar.high.toFixed(8),
    bar.low.toFixed(8),
    bar.close.toFixed(8),
    bar.volume.toFixed(8),
    bar.time + intervalMs - 1,
    quote.toFixed(8),
    100,
    (bar.volume / 2).toFixed(8),
    (quote / 2).toFixed(8),
    "0",
  ];
}

export function klineEventOf(symbol: string, timeframe: Timeframe, bar: Bar, closed: boolean) {
  const row = klineRowOf(bar, TIMEFRAME_MS[timeframe]);
  return {
    e: "kline",
    E: closed ? row[6] + 1 : bar.time + 1000,
    s: symbol,
    k: {
      t: bar.time,
      T: row[6],
      s: symbol,
      i: timeframe,
      f: 100,
      L: 199,
      o: row[1],
      c: row[4],
      h: row[2],
      l: row[3],
      v: row[5],
      n: 100,
      x: closed,
      q: row[7],
      V: row[9],
      Q: row[10],
      B: "0",
    },
  };
}
