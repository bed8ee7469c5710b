import { readFileSync } from "node:fs";
import type { Bar } from "@/engine-runtime/data/bars";
import { FakeVenue } from "../core/testing/fake-venue";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

/** The chart API's columns for one symbol and interval, nulls included. */
interface Series {
  meta: Record<string, unknown>;
  timestamp: number[];
  quote: Record<"open" | "high" | "low" | "close" | "volume", (number | null)[]>;
}

const recorded = fixture("chart-AAPL-1d.json").chart.result[0];
export const recordedDaily: Series = {
  meta: recorded.meta,
  timestamp: recorded.timestamp,
  quote: recorded.indicators.quote[0],
};

/**
 * Yahoo Finance's chart API on 127.0.0.1: /v8/finance/chart/{symbol}?period1&period2&interval,
 * answering with the recorded layout (meta, seconds timestamps, quote columns with nulls) and the
 * chart error body for unknown symbols.
 */
export class FakeYahoo extends FakeVenue {
  #series = new Map<string, Series>([["AAPL:1d", recordedDaily]]);

  constructor() {
    super();
    this.route("*", (query, request) => {
      const symbol = decodeURIComponent(
        new URL(request.url ?? "/", "http://x").pathname.split("/").at(-1) ?? "",
      );
      const interval = query.get("interval") ?? "1d";
      const series = this.#series.get(`${symbol}:${interval}`);
      if (!series) return { status: 404, body: fixture("chart-not-found.json") };
      const [from, to] = [Number(query.get("period1")), Number(query.get("period2"))];
      const keep = series.timestamp.map((t, i) => (t >= from && t < to ? i : -1)).filter((i) => i >= 0);
      const pick = (column: (number | null)[]) => keep.map((i) => column[i]);
      const quote = Object.fromEntries(
        Object.entries(series.quote).map(([key, column]) => [key, pick(column)]),
      );
      const result = {
        meta: { ...series.meta, dataGranularity: interval },
        ...(keep.length > 0 ? { timestamp: keep.map((i) => series.timestamp[i]) } : {}),
        indicators: { quote: [quote] },
      };
      return { status: 200, body: { chart: { result: [result], error: null } } };
    });
  }

  setBars(symbol: string, interval: string, bars: Bar[]): void {
    this.#series.set(`${symbol}:${interval}`, {
      meta: { ...recordedDaily.meta, symbol, gmtoffset: 0 },
      timestamp: bars.map((bar) => bar.time / 1000),
      quote: {
        open: bars.map((bar) => bar.open),
        high: bars.map((bar) => bar.high),
        low: bars.map((bar) => bar.low),
        close: bars.map((bar) => bar.close),
        volume: bars.map((bar) => bar.volume),
      },
    });
  }

  /** Yahoo's 429 is a bare "Too Many Requests" with no Retry-After. */
  limitNext(count: number): void {
    this.rateLimitNext(count, {
      status: 429,
      body: "Too Many Requests\r\n",
      headers: { "content-type": "text/plain" },
    });
  }

  /** The next answer for any symbol is `body` verbatim, for malformed-payload tests. */
  answerNextWith(body: string): void {
    this.rateLimitNext(1, { status: 200, body });
  }
}
