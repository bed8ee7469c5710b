import type { Timeframe } from "@/nodes/data/timeframes";
import { HttpClient } from "../core/http";
import { openLiveFeed } from "../core/live-feed";
import { stderrLogger } from "../core/log";
import { backoffOf, type ConnectorDeps } from "../core/settings";
import type { LiveConnector, LiveFeed, SubscribeOptions } from "../core/types";
import { type AlpacaConfigInput, alpacaConfig } from "./config";
import { fetchBars } from "./http/bars";
import { isCrypto } from "./mapper";
import { alpacaStreamProtocol } from "./ws/stream";

export function createAlpacaConnector(input: AlpacaConfigInput, deps: ConnectorDeps = {}): LiveConnector {
  const config = alpacaConfig.parse(input);
  const logger = deps.logger ?? stderrLogger;
  const http = new HttpClient({
    venue: "Alpaca",
    backoff: backoffOf(config, deps.random),
    maxAttempts: config.httpAttempts,
    maxWaitMs: config.maxRateLimitWaitMs,
    logger,
    headers: { "APCA-API-KEY-ID": config.keyId, "APCA-API-SECRET-KEY": config.secretKey },
  });
  const history = (symbol: string, timeframe: Timeframe, from: number, to: number) =>
    fetchBars(http, config, symbol, timeframe, from, to);
  return {
    venue: "alpaca",
    history,
    subscribe(symbols: readonly string[], timeframe: Timeframe, options: SubscribeOptions = {}): LiveFeed {
      if (symbols.length === 0)
        throw new Error("Subscribe to Alpaca with at least one symbol, such as AAPL or BTC/USD.");
      if (new Set(symbols.map(isCrypto)).size > 1) {
        throw new Error(
          `Alpaca streams stocks and crypto on separate connections; subscribe to ${symbols.filter(isCrypto).join(", ")} separately from ${symbols.filter((s) => !isCrypto(s)).join(", ")}.`,
        );
      }
      return openLiveFeed({
        venue: "Alpaca",
        timeframe,
        protocol: alpacaStreamProtocol(config, symbols, timeframe, options.trades ?? false),
        backfill: history,
        staleAfterMs: config.staleAfterMs,
        pongsCountAsData: config.pongsCountAsData,
        connectTimeoutMs: config.connectTimeoutMs,
        backoff: backoffOf(config, deps.random),
        maxReconnects: config.maxReconnects,
        logger,
      });
    },
  };
}
