import type { Bar, BarColumns } from "@/engine-runtime/data/bars";
import type { Timeframe } from "@/nodes/data/timeframes";

/**
 * What every market-data source offers the rest of Strata. Times are epoch milliseconds (UTC);
 * a bar's time is its open time, as in engine-runtime/data/bars.ts.
 */
export interface Connector {
  /** Short venue id used in the store and in messages: "binance", "alpaca", "yahoo", ... */
  readonly venue: string;
  /**
   * Closed bars whose open time lies in [from, to), oldest first, without duplicates. Pages and
   * rate limits are the connector's business: the caller gets every bar or an error sentence.
   */
  history(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<BarColumns>;
  /** Closed bars as they happen; absent on venues without a live feed (Yahoo, Upload). */
  subscribe?(symbols: readonly string[], timeframe: Timeframe, options?: SubscribeOptions): LiveFeed;
}

/** A connector with a live feed: Binance, Alpaca, Replay. */
export interface LiveConnector extends Connector {
  subscribe(symbols: readonly string[], timeframe: Timeframe, options?: SubscribeOptions): LiveFeed;
}

export interface SubscribeOptions {
  /** Also deliver individual trades where the venue has them. */
  trades?: boolean;
}

/**
 * connecting → live ⇄ stale → reconnecting → live …; down is final (closed by the caller, a
 * refusal that retrying cannot fix, or too many failed attempts).
 */
export type FeedStatus = "connecting" | "live" | "stale" | "reconnecting" | "down";

export interface Trade {
  symbol: string;
  time: number;
  price: number;
  size: number;
}

export type FeedEvent =
  | { kind: "bar"; symbol: string; timeframe: Timeframe; bar: Bar; backfilled: boolean }
  | { kind: "trade"; trade: Trade }
  | { kind: "status"; status: FeedStatus; reason: string }
  /** Bars known to be missing: the feed skipped them and the REST backfill could not supply them. */
  | { kind: "gap"; symbol: string; timeframe: Timeframe; from: number; to: number; reason: string };

/** A running subscription: iterate it for events (status changes included) and close it when done. */
export interface LiveFeed extends AsyncIterable<FeedEvent> {
  readonly status: FeedStatus;
  /** Calls `listener` on every status change; returns the function that stops listening. */
  onStatus(listener: (status: FeedStatus, reason: string) => void): () => void;
  close(): Promise<void>;
}
