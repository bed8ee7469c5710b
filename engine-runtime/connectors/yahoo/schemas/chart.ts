import { z } from "zod";

/** A quote column: Yahoo writes null where a bar had no trading. */
const column = z.array(z.number().nullable());

export const chartResult = z.object({
  meta: z.looseObject({ symbol: z.string(), gmtoffset: z.number().int(), dataGranularity: z.string() }),
  /** Seconds since the epoch; absent when the range holds no bars. */
  timestamp: z.array(z.number().int()).optional(),
  indicators: z.object({
    quote: z.array(z.object({ open: column, high: column, low: column, close: column, volume: column })),
  }),
});
export type ChartResult = z.infer<typeof chartResult>;

export const chartResponse = z.object({
  chart: z.object({
    result: z.array(chartResult).nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable(),
  }),
});
