import type { Bar } from "@/engine-runtime/data/bars";
import type { Timeframe } from "@/nodes/data/timeframes";
import type { Trade } from "../core/types";
import type { KlineRow } from "./schemas/klines";
import type { KlineEvent, TradeEvent } from "./schemas/stream";

/** Binance's interval names for our timeframes happen to be the same strings. */
export function binanceInterval(timeframe: Timeframe): string {
  return timeframe;
}

/** Binance symbols are upper case on REST ("BTCUSDT") and lower case in stream names. */
export function binanceSymbol(symbol: string): string {
  return symbol.replace(/[/\-_]/g, "").toUpperCase();
}

export function barFromRow(row: KlineRow): Bar {
  return {
    time: row[0],
    open: Number(row[1]),
    high: Number(row[2]),
    low: Number(row[3]),
    close: Number(row[4]),
    volume: Number(row[5]),
  };
}

export function barFromKline(event: KlineEvent): Bar {
  const k = event.k;
  return {
    time: k.t,
    open: Number(k.o),
    high: Number(k.h),
    low: Number(k.l),
    close: Number(k.c),
    volume: Number(k.v),
  };
}

export function tradeFromEvent(event: TradeEvent): Trade {
  return { symbol: event.s, time: event.T, price: Number(event.p), size: Number(event.q) };
}
