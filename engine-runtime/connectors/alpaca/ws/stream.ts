import type { Timeframe } from "@/nodes/data/timeframes";
import { parsePayload, validatePayload } from "../../core/http";
import type { StreamMessage, StreamProtocol } from "../../core/live-feed";
import type { AlpacaConfig } from "../config";
import { barFromAlpaca, isCrypto } from "../mapper";
import {
  controlError,
  controlSuccess,
  streamBar,
  streamFrame,
  streamTrade,
  subscriptionAck,
} from "../schemas/stream";
import { MinuteBarAggregator } from "./minute-bars";

/** Errors that reconnecting can cure: a second connection still closing, an auth timeout, a server fault. */
const RETRYABLE = new Set([404, 406, 500]);

/**
 * Alpaca's stream conversation, repeated on every connection (so a reconnect resubscribes):
 * `connected` → we send auth → `authenticated` → we send subscribe → `subscription` → live.
 * The aggregator outlives connections so a bucket half-built before a drop is finished after it.
 */
export function alpacaStreamProtocol(
  config: AlpacaConfig,
  symbols: readonly string[],
  timeframe: Timeframe,
  trades: boolean,
): StreamProtocol {
  const crypto = isCrypto(symbols[0]);
  const path = crypto ? "/v1beta3/crypto/us" : `/v2/${config.feed}`;
  const aggregator = new MinuteBarAggregator(timeframe);
  const wanted = new Set(symbols);
  return {
    url: `${config.streamUrl.replace(/\/$/, "")}${path}`,
    session: () => ({
      open: () => false,
      message(text, send) {
        const out: StreamMessage[] = [];
        for (const item of parsePayload(text, streamFrame, "Alpaca stream")) {
          const source = `Alpaca stream message ${item.T}`;
          if (item.T === "success") {
            const { msg } = validatePayload(item, controlSuccess, source);
            if (msg === "connected")
              send(JSON.stringify({ action: "auth", key: config.keyId, secret: config.secretKey }));
            if (msg === "authenticated") {
              send(
                JSON.stringify({
                  action: "subscribe",
                  bars: symbols,
                  ...(trades ? { trades: symbols } : {}),
                }),
              );
            }
          } else if (item.T === "error") {
            const { code, msg } = validatePayload(item, controlError, source);
            out.push({ type: "refused", message: `${msg} (code ${code})`, retry: RETRYABLE.has(code) });
          } else if (item.T === "subscription") {
            validatePayload(item, subscriptionAck, source);
            out.push({ type: "ready" });
          } else if (item.T === "b") {
            const bar = validatePayload(item, streamBar, source);
            if (!wanted.has(bar.S)) continue;
            for (const done of aggregator.add(bar.S, barFromAlpaca(bar, "1m"))) {
              out.push({ type: "bar", symbol: bar.S, bar: done });
            }
          } else if (item.T === "t") {
            const trade = validatePayload(item, streamTrade, source);
            out.push({
              type: "trade",
              trade: { symbol: trade.S, time: Date.parse(trade.t), price: trade.p, size: trade.s },
            });
          }
        }
        return out;
      },
    }),
  };
}
