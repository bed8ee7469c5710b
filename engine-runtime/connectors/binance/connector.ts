import type { Timeframe } from "@/nodes/data/timeframes";
import { HttpClient } from "../core/http";
import { openLiveFeed } from "../core/live-feed";
import { stderrLogger } from "../core/log";
import { backoffOf, type ConnectorDeps } from "../core/settings";
import type { LiveConnector, LiveFeed, SubscribeOptions } from "../core/types";
import { type BinanceConfigInput, binanceConfig } from "./config";
import { fetchKlines } from "./http/klines";
import { binanceSymbol } from "./mapper";
import { klineStreamProtocol } from "./ws/streams";

export function createBinanceConnector(
  input: BinanceConfigInput = {},
  deps: ConnectorDeps = {},
): LiveConnector {
  const config = binanceConfig.parse(input);
  const logger = deps.logger ?? stderrLogger;
  const http = new HttpClient({
    venue: "Binance",
    backoff: backoffOf(config, deps.random),
    maxAttempts: config.httpAttempts,
    maxWaitMs: config.maxRateLimitWaitMs,
    logger,
  });
  const history = (symbol: string, timeframe: Timeframe, from: number, to: number) =>
    fetchKlines(http, config, symbol, timeframe, from, to);
  return {
    venue: "binance",
    history,
    subscribe(symbols: readonly string[], timeframe: Timeframe, options: SubscribeOptions = {}): LiveFeed {
      if (symbols.length === 0)
        throw new Error("Subscribe to Binance with at least one symbol, such as BTCUSDT.");
      return openLiveFeed({
        venue: "Binance",
        timeframe,
        protocol: klineStreamProtocol(config, symbols.map(binanceSymbol), timeframe, options.trades ?? false),
        backfill: history,
        staleAfterMs: config.staleAfterMs,
        connectTimeoutMs: config.connectTimeoutMs,
        backoff: backoffOf(config, deps.random),
        maxReconnects: config.maxReconnects,
        logger,
      });
    },
  };
}
