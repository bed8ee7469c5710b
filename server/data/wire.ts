import type { BarColumns } from "@/engine-runtime/data/bars";

/**
 * Bars on the wire to the browser: each column as base64 of its little-endian Float64 bytes
 * (about 10.7 characters a value, exact, and decoded without parsing numbers).
 * app/_features/data/bars.ts `decodeBars` turns them back into columns.
 */
export interface EncodedBars {
  count: number;
  columns: Record<keyof BarColumns, string>;
}

export function encodeBars(bars: BarColumns): EncodedBars {
  const column = (values: Float64Array) =>
    Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
  return {
    count: bars.time.length,
    columns: {
      time: column(bars.time),
      open: column(bars.open),
      high: column(bars.high),
      low: column(bars.low),
      close: column(bars.close),
      volume: column(bars.volume),
    },
  };
}
