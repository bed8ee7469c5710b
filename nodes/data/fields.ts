import { z } from "zod";

/** The prices a trader can pick from one bar; the last three are the usual composite prices. */
export const PRICE_FIELDS = ["open", "high", "low", "close", "volume", "hl2", "hlc3", "ohlc4"] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

export const priceFieldParam = z
  .enum(PRICE_FIELDS)
  .default("close")
  .describe(
    "Which number of each bar to use. hl2 = (high + low) / 2, hlc3 = (high + low + close) / 3 (the typical price), ohlc4 = the average of open, high, low and close.",
  );

/**
 * Writes one field of the bars [from, to) into `out`; bars before `start` get NaN.
 * `bars` holds the six columns in BAR_FIELDS order (time, open, high, low, close, volume).
 * The choice of field is made once per call, outside the loop, to keep each loop tight.
 */
export function writeField(
  field: PriceField,
  bars: readonly Float64Array[],
  out: Float64Array,
  from: number,
  to: number,
  start: number,
): void {
  const [, open, high, low, close, volume] = bars;
  const first = Math.max(from, start);
  for (let i = from; i < first && i < to; i++) out[i] = Number.NaN;
  switch (field) {
    case "open":
    case "high":
    case "low":
    case "close":
    case "volume": {
      const column = { open, high, low, close, volume }[field];
      for (let i = first; i < to; i++) out[i] = column[i];
      return;
    }
    case "hl2":
      for (let i = first; i < to; i++) out[i] = (high[i] + low[i]) / 2;
      return;
    case "hlc3":
      for (let i = first; i < to; i++) out[i] = (high[i] + low[i] + close[i]) / 3;
      return;
    case "ohlc4":
      for (let i = first; i < to; i++) out[i] = (open[i] + high[i] + low[i] + close[i]) / 4;
      return;
  }
}
