import type { Bar, BarColumns } from "@/engine-runtime/data/bars";
import { resampleBars } from "@/engine-runtime/data/resample";
import type { Timeframe } from "@/nodes/data/timeframes";
import { barsToColumns } from "../../core/columns";
import { type HttpClient, VenueError } from "../../core/http";
import type { YahooConfig } from "../config";
import { barsFromChart, YAHOO_INTERVAL, YAHOO_WINDOW_MS } from "../mapper";
import { chartResponse } from "../schemas/chart";

/** History in windows as long as Yahoo serves per request at the interval, oldest window first. */
export async function fetchChart(
  http: HttpClient,
  config: YahooConfig,
  symbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
): Promise<BarColumns> {
  const interval = YAHOO_INTERVAL[timeframe];
  const window = YAHOO_WINDOW_MS[interval];
  const daily = timeframe === "1d" || timeframe === "1w";
  const bars: Bar[] = [];
  for (let start = from; start < to; start += window) {
    const end = Math.min(to, start + window);
    const url = new URL(`/v8/finance/chart/${encodeURIComponent(symbol)}`, config.baseUrl);
    url.searchParams.set("period1", String(Math.floor(start / 1000)));
    url.searchParams.set("period2", String(Math.ceil(end / 1000)));
    url.searchParams.set("interval", interval);
    url.searchParams.set("includePrePost", "false");
    const { chart } = await http.getJson(url, chartResponse);
    if (chart.error || !chart.result) {
      throw new VenueError(`Yahoo Finance has no ${symbol}: ${chart.error?.description ?? "empty answer"}.`);
    }
    for (const result of chart.result) bars.push(...barsFromChart(result, daily));
  }
  const columns = barsToColumns(bars, from, to);
  return timeframe === "4h" ? resampleBars(columns, "4h") : columns;
}
