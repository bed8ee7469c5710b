import type { BarColumns } from "@/engine-runtime/data/bars";

/** What `data.bars` answers: each column as base64 of little-endian Float64 bytes. */
export interface EncodedBars {
  count: number;
  columns: Record<keyof BarColumns, string>;
}

/** Columns back from `data.bars` (server/data/wire.ts), in the browser or in Node. */
export function decodeBars({ count, columns }: EncodedBars): BarColumns {
  const column = (text: string) => {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const values = new Float64Array(bytes.buffer);
    if (values.length !== count) throw new Error(`A column holds ${values.length} bars instead of ${count}.`);
    return values;
  };
  return {
    time: column(columns.time),
    open: column(columns.open),
    high: column(columns.high),
    low: column(columns.low),
    close: column(columns.close),
    volume: column(columns.volume),
  };
}
