import type { Bar } from "@/engine-runtime/data/bars";
import { bucketStart, TIMEFRAME_MS, type Timeframe } from "@/nodes/data/timeframes";

const MINUTE = 60_000;

/**
 * Alpaca streams minute bars only; longer timeframes are built from them in the buckets of
 * nodes/data/timeframes.ts. A bucket is emitted when its last minute arrives, or, when that minute
 * had no trades (common on IEX), when the first minute of a later bucket arrives.
 */
export class MinuteBarAggregator {
  #open = new Map<string, Bar>();

  constructor(readonly timeframe: Timeframe) {}

  /** Adds one minute bar; returns the bars it completes (zero, one, or two). */
  add(symbol: string, minute: Bar): Bar[] {
    if (this.timeframe === "1m") return [minute];
    const start = bucketStart(minute.time, this.timeframe);
    const completed: Bar[] = [];
    let bucket = this.#open.get(symbol);
    if (bucket && bucket.time !== start) {
      if (minute.time < bucket.time) return []; // an old minute, replayed after a reconnect
      completed.push(bucket);
      bucket = undefined;
    }
    if (!bucket) bucket = { ...minute, time: start };
    else {
      bucket.high = Math.max(bucket.high, minute.high);
      bucket.low = Math.min(bucket.low, minute.low);
      bucket.close = minute.close;
      bucket.volume += minute.volume;
    }
    if (minute.time + MINUTE >= start + TIMEFRAME_MS[this.timeframe]) {
      completed.push(bucket);
      this.#open.delete(symbol);
    } else this.#open.set(symbol, bucket);
    return completed;
  }
}
