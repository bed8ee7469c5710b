import { type Bar, type BarColumns, emptyBars } from "@/engine-runtime/data/bars";

/**
 * Bars from pages of a venue into engine columns: sorted by time, one bar per time (the later page
 * wins, as venues page forward and the newest answer is the most complete), only times in [from, to).
 */
export function barsToColumns(bars: readonly Bar[], from = -Infinity, to = Infinity): BarColumns {
  const byTime = new Map<number, Bar>();
  for (const bar of bars) if (bar.time >= from && bar.time < to) byTime.set(bar.time, bar);
  const sorted = [...byTime.values()].sort((a, b) => a.time - b.time);
  const columns = emptyBars(sorted.length);
  sorted.forEach((bar, i) => {
    columns.time[i] = bar.time;
    columns.open[i] = bar.open;
    columns.high[i] = bar.high;
    columns.low[i] = bar.low;
    columns.close[i] = bar.close;
    columns.volume[i] = bar.volume;
  });
  return columns;
}

/** First index whose time is ≥ `time` (times are sorted). */
export function lowerBound(times: Float64Array, time: number): number {
  let [low, high] = [0, times.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid] < time) low = mid + 1;
    else high = mid;
  }
  return low;
}
