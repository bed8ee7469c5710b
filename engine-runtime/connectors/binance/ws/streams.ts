import type { Timeframe } from "@/nodes/data/timeframes";
import { parsePayload } from "../../core/http";
import type { StreamMessage, StreamProtocol } from "../../core/live-feed";
import type { BinanceConfig } from "../config";
import { barFromKline, binanceInterval, binanceSymbol, tradeFromEvent } from "../mapper";
import { combinedStreamMessage } from "../schemas/stream";

/**
 * Combined kline (and trade) streams: the stream names travel in the URL, so every new connection
 * resubscribes by itself and the stream is ready as soon as it opens. Binance pings every 20 s and
 * `ws` answers with pongs; it closes every connection after 24 h, which the feed treats as a drop.
 */
export function klineStreamProtocol(
  config: BinanceConfig,
  symbols: readonly string[],
  timeframe: Timeframe,
  trades: boolean,
): StreamProtocol {
  const names = symbols.flatMap((symbol) => {
    const lower = binanceSymbol(symbol).toLowerCase();
    const kline = `${lower}@kline_${binanceInterval(timeframe)}`;
    return trades ? [kline, `${lower}@trade`] : [kline];
  });
  const url = `${config.streamUrl.replace(/\/$/, "")}/stream?streams=${names.join("/")}`;
  return {
    url,
    session: () => ({
      open: () => true,
      message: (text) => decodeStreamMessage(text, timeframe),
    }),
  };
}

/** One frame to closed bars and trades; a kline still forming (`k.x === false`) yields nothing. */
export function decodeStreamMessage(text: string, timeframe: Timeframe): StreamMessage[] {
  const { data } = parsePayload(text, combinedStreamMessage, "Binance stream");
  if (data.e === "trade") return [{ type: "trade", trade: tradeFromEvent(data) }];
  if (!data.k.x || data.k.i !== binanceInterval(timeframe)) return [];
  return [{ type: "bar", symbol: data.k.s, bar: barFromKline(data) }];
}
