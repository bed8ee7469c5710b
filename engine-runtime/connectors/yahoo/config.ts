import { z } from "zod";
import { connectionSettings } from "../core/settings";

/**
 * Yahoo Finance history through the chart API (/v8/finance/chart/{symbol}). Our own client, not
 * yahoo-finance2: the endpoint is one GET, and a base URL setting lets tests use the fake server.
 */
export const yahooConfig = connectionSettings.extend({
  baseUrl: z.url().default("https://query1.finance.yahoo.com"),
});
export type YahooConfig = z.infer<typeof yahooConfig>;
export type YahooConfigInput = z.input<typeof yahooConfig>;
