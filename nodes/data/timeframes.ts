/** Timeframes a strategy can ask for, shortest first. */
export const TIMEFRAMES = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w"] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** What a Higher Timeframe node can build from shorter bars. */
export const RESAMPLE_TIMEFRAMES = [
  "5m",
  "15m",
  "30m",
  "1h",
  "4h",
  "1d",
  "1w",
] as const satisfies readonly Timeframe[];

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

export const TIMEFRAME_MS: Record<Timeframe, number> = {
  "1m": MINUTE,
  "5m": 5 * MINUTE,
  "15m": 15 * MINUTE,
  "30m": 30 * MINUTE,
  "1h": 60 * MINUTE,
  "4h": 240 * MINUTE,
  "1d": DAY,
  "1w": 7 * DAY,
};

/** 1970-01-01 was a Thursday; ISO weeks start on Monday, four days later. */
const FIRST_MONDAY = 4 * DAY;

/**
 * The start (epoch ms, UTC) of the higher-timeframe bucket holding `time`: intraday buckets are
 * multiples of their length since the epoch, days start at 00:00 UTC, weeks on Monday 00:00 UTC.
 */
export function bucketStart(time: number, timeframe: Timeframe): number {
  const length = TIMEFRAME_MS[timeframe];
  const offset = timeframe === "1w" ? FIRST_MONDAY : 0;
  return Math.floor((time - offset) / length) * length + offset;
}

/**
 * Aggregates bars into higher-timeframe buckets and exposes the LAST COMPLETED bucket only.
 * A bucket counts as completed once a bar of a later bucket has arrived, so a value is never
 * shown before every bar it is made of has closed: no look-ahead. This is TradingView's
 * non-repainting idiom `request.security(s, tf, close[1], lookahead_on)`.
 */
export class CompletedBucket {
  /** The last completed bucket; NaN until one has completed. `time` is the bucket's start. */
  time = Number.NaN;
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  volume = Number.NaN;

  #bucket = Number.NaN;
  #open = Number.NaN;
  #high = Number.NaN;
  #low = Number.NaN;
  #close = Number.NaN;
  #volume = Number.NaN;

  constructor(readonly timeframe: Timeframe) {}

  /** Adds the next bar in time order. */
  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    const bucket = bucketStart(time, this.timeframe);
    if (bucket === this.#bucket) {
      if (high > this.#high) this.#high = high;
      if (low < this.#low) this.#low = low;
      this.#close = close;
      this.#volume += volume;
      return;
    }
    if (!Number.isNaN(this.#bucket)) {
      this.time = this.#bucket;
      this.open = this.#open;
      this.high = this.#high;
      this.low = this.#low;
      this.close = this.#close;
      this.volume = this.#volume;
    }
    this.#bucket = bucket;
    this.#open = open;
    this.#high = high;
    this.#low = low;
    this.#close = close;
    this.#volume = volume;
  }
}
