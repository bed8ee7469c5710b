import { bucketStart, type Timeframe } from "@/nodes/data/timeframes";
import { type BarColumns, emptyBars, sliceBars } from "./bars";

/**
 * Aggregates bars into a longer timeframe: open of the first bar, highest high, lowest low,
 * close of the last bar, summed volume. Buckets are those of the Higher Timeframe node
 * (nodes/data/timeframes.ts): multiples of their length since the epoch, days from 00:00 UTC,
 * weeks from Monday 00:00 UTC; each output bar's time is its bucket's start. The last bucket is
 * kept even when the data ends inside it.
 */
export function resampleBars(bars: BarColumns, timeframe: Timeframe): BarColumns {
  const n = bars.time.length;
  const out = emptyBars(n);
  let count = -1;
  let bucket = Number.NaN;
  for (let i = 0; i < n; i++) {
    const start = bucketStart(bars.time[i], timeframe);
    if (start !== bucket) {
      bucket = start;
      count++;
      out.time[count] = start;
      out.open[count] = bars.open[i];
      out.high[count] = bars.high[i];
      out.low[count] = bars.low[i];
      out.close[count] = bars.close[i];
      out.volume[count] = bars.volume[i];
      continue;
    }
    if (bars.high[i] > out.high[count]) out.high[count] = bars.high[i];
    if (bars.low[i] < out.low[count]) out.low[count] = bars.low[i];
    out.close[count] = bars.close[i];
    out.volume[count] += bars.volume[i];
  }
  return sliceBars(out, 0, count + 1);
}
