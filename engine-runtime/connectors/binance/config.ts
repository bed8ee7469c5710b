import { z } from "zod";
import { connectionSettings } from "../core/settings";

/** Binance spot market data: public, no key. URLs are settings so tests can point them at the fake. */
export const binanceConfig = connectionSettings.extend({
  restUrl: z.url().default("https://api.binance.com"),
  streamUrl: z.string().default("wss://stream.binance.com:9443"),
  pageLimit: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1000)
    .describe("Klines per REST page (Binance allows 1000)."),
  staleAfterMs: connectionSettings.shape.staleAfterMs.default(30_000),
});
export type BinanceConfig = z.infer<typeof binanceConfig>;
export type BinanceConfigInput = z.input<typeof binanceConfig>;
