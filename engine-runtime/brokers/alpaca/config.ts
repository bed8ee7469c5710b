import { z } from "zod";

/** A connection to an Alpaca trading account. Defaults point at the paper account, never live money. */
export const alpacaBrokerConfig = z.object({
  keyId: z.string().min(1, "Enter the Alpaca API key id (it starts with PK or AK)."),
  secretKey: z.string().min(1, "Enter the Alpaca API secret key."),
  tradingUrl: z.url().default("https://paper-api.alpaca.markets").describe("Trading API host."),
  streamUrl: z.string().default("wss://paper-api.alpaca.markets/stream").describe("Account stream."),
  submitTimeoutMs: z
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(5_000)
    .describe("How long to wait for Alpaca to answer an order before treating its outcome as unknown."),
  requestTimeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  reconnectMinMs: z.number().int().min(1).max(60_000).default(500),
  reconnectMaxMs: z.number().int().min(1).max(300_000).default(30_000),
});
export type AlpacaBrokerConfig = z.infer<typeof alpacaBrokerConfig>;
export type AlpacaBrokerConfigInput = z.input<typeof alpacaBrokerConfig>;
