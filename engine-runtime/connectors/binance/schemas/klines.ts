import { z } from "zod";

/** Binance sends prices and quantities as decimal strings so no precision is lost in JSON. */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal string");

/**
 * One row of GET /api/v3/klines: open time, open, high, low, close, volume, close time,
 * quote asset volume, number of trades, taker buy base volume, taker buy quote volume, unused.
 */
export const klineRow = z.tuple([
  z.number().int(),
  decimal,
  decimal,
  decimal,
  decimal,
  decimal,
  z.number().int(),
  decimal,
  z.number().int(),
  decimal,
  decimal,
  z.string(),
]);
export type KlineRow = z.infer<typeof klineRow>;

export const klinesResponse = z.array(klineRow);

/** Binance's error body: `{"code":-1121,"msg":"Invalid symbol."}`. */
export const binanceError = z.object({ code: z.number(), msg: z.string() });
