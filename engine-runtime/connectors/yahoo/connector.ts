import type { Timeframe } from "@/nodes/data/timeframes";
import { HttpClient } from "../core/http";
import { stderrLogger } from "../core/log";
import { backoffOf, type ConnectorDeps } from "../core/settings";
import type { Connector } from "../core/types";
import { type YahooConfigInput, yahooConfig } from "./config";
import { fetchChart } from "./http/chart";

/** History only: Yahoo has no public live feed, so this connector has no `subscribe`. */
export function createYahooConnector(input: YahooConfigInput = {}, deps: ConnectorDeps = {}): Connector {
  const config = yahooConfig.parse(input);
  const http = new HttpClient({
    venue: "Yahoo Finance",
    backoff: backoffOf(config, deps.random),
    maxAttempts: config.httpAttempts,
    maxWaitMs: config.maxRateLimitWaitMs,
    logger: deps.logger ?? stderrLogger,
    headers: { "user-agent": "Mozilla/5.0 (compatible; Strata)" },
  });
  return {
    venue: "yahoo",
    history: (symbol: string, timeframe: Timeframe, from: number, to: number) =>
      fetchChart(http, config, symbol, timeframe, from, to),
  };
}
