/**
 * Price bars as columns: one Float64Array per field, one value per bar, oldest first.
 * `time` is the bar's open time in epoch milliseconds (UTC), like BAR_FIELDS in nodes/core/ports.ts.
 */
export interface BarColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** One bar, as a live feed delivers it. */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export function emptyBars(length: number): BarColumns {
  return {
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

export function barCount(bars: BarColumns): number {
  return bars.time.length;
}

export function barAt(bars: BarColumns, i: number): Bar {
  return {
    time: bars.time[i],
    open: bars.open[i],
    high: bars.high[i],
    low: bars.low[i],
    close: bars.close[i],
    volume: bars.volume[i],
  };
}

/** Bars [from, to) as views on the same memory. */
export function sliceBars(bars: BarColumns, from: number, to: number): BarColumns {
  return {
    time: bars.time.subarray(from, to),
    open: bars.open.subarray(from, to),
    high: bars.high.subarray(from, to),
    low: bars.low.subarray(from, to),
    close: bars.close.subarray(from, to),
    volume: bars.volume.subarray(from, to),
  };
}

/** The six columns in BAR_FIELDS order: how a plan's feed occupies its slots. */
export function feedColumns(bars: BarColumns): Float64Array[] {
  return [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume];
}

/** A copy of `column` with room for `capacity` values: how streaming columns double as bars arrive. */
export function grown(column: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(column.subarray(0, Math.min(column.length, capacity)));
  return next;
}
