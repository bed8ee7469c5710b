import type { BarColumns } from "@/engine-runtime/data/bars";
import type { Timeframe } from "@/nodes/data/timeframes";
import { barsToColumns } from "../../core/columns";
import type { HttpClient } from "../../core/http";
import type { BinanceConfig } from "../config";
import { barFromRow, binanceInterval, binanceSymbol } from "../mapper";
import { klinesResponse } from "../schemas/klines";

/**
 * GET /api/v3/klines page by page: each page starts 1 ms after the previous page's last open
 * time. Only closed klines are kept: Binance includes the forming kline when `to` is in the future.
 */
export async function fetchKlines(
  http: HttpClient,
  config: BinanceConfig,
  symbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
): Promise<BarColumns> {
  const bars = [];
  const now = Date.now();
  let start = from;
  while (start < to) {
    const url = new URL("/api/v3/klines", config.restUrl);
    url.searchParams.set("symbol", binanceSymbol(symbol));
    url.searchParams.set("interval", binanceInterval(timeframe));
    url.searchParams.set("startTime", String(start));
    url.searchParams.set("endTime", String(to - 1));
    url.searchParams.set("limit", String(config.pageLimit));
    const rows = await http.getJson(url, klinesResponse);
    for (const row of rows) if (row[6] < now) bars.push(barFromRow(row));
    if (rows.length < config.pageLimit) break;
    start = rows[rows.length - 1][0] + 1;
  }
  return barsToColumns(bars, from, to);
}
