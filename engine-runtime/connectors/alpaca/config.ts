import { z } from "zod";
import { connectionSettings } from "../core/settings";

/**
 * Alpaca market data with the user's API key. Stocks come from the feed the key's plan allows
 * (iex is free); crypto symbols ("BTC/USD") from the US crypto feed, which needs no plan.
 */
export const alpacaConfig = connectionSettings.extend({
  keyId: z.string().min(1, "Enter the Alpaca API key id (it starts with PK or AK)."),
  secretKey: z.string().min(1, "Enter the Alpaca API secret key."),
  dataUrl: z.url().default("https://data.alpaca.markets"),
  streamUrl: z.string().default("wss://stream.data.alpaca.markets"),
  feed: z.enum(["iex", "sip", "delayed_sip"]).default("iex").describe("Stock feed your plan includes."),
  adjustment: z
    .enum(["raw", "split", "dividend", "all"])
    .default("raw")
    .describe("Corporate-action adjustment of stock bars."),
  pageLimit: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(10_000)
    .describe("Bars per REST page (Alpaca allows 10000)."),
  /** Stocks are silent outside market hours: a pong to our ping is enough to prove the socket alive. */
  pongsCountAsData: z.boolean().default(true),
});
export type AlpacaConfig = z.infer<typeof alpacaConfig>;
export type AlpacaConfigInput = z.input<typeof alpacaConfig>;
