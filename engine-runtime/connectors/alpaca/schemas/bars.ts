import { z } from "zod";

/** One bar as Alpaca's REST and stream both send it (the stream adds `T` and `S`). */
export const alpacaBar = z.object({
  t: z.iso.datetime({ offset: true }),
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number().nonnegative(),
  n: z.number().int().optional(),
  vw: z.number().optional(),
});
export type AlpacaBar = z.infer<typeof alpacaBar>;

/** GET /v2/stocks/{symbol}/bars: `bars` is null when the range holds none. */
export const stockBarsResponse = z.object({
  bars: z.array(alpacaBar).nullable(),
  symbol: z.string(),
  next_page_token: z.string().nullable(),
});

/** GET /v1beta3/crypto/us/bars?symbols=…: bars keyed by symbol. */
export const cryptoBarsResponse = z.object({
  bars: z.record(z.string(), z.array(alpacaBar)),
  next_page_token: z.string().nullable(),
});
