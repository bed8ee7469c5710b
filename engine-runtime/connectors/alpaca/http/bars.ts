import type { Bar, BarColumns } from "@/engine-runtime/data/bars";
import type { Timeframe } from "@/nodes/data/timeframes";
import { barsToColumns } from "../../core/columns";
import type { HttpClient } from "../../core/http";
import type { AlpacaConfig } from "../config";
import { alpacaTimeframe, barFromAlpaca, isCrypto, rfc3339 } from "../mapper";
import { cryptoBarsResponse, stockBarsResponse } from "../schemas/bars";

/**
 * Historical bars, following `next_page_token` until Alpaca has no more. Stocks come from
 * /v2/stocks/{symbol}/bars, crypto from /v1beta3/crypto/us/bars; Alpaca's `end` is inclusive.
 */
export async function fetchBars(
  http: HttpClient,
  config: AlpacaConfig,
  symbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
): Promise<BarColumns> {
  const bars: Bar[] = [];
  const crypto = isCrypto(symbol);
  let pageToken: string | null = null;
  do {
    const url = crypto
      ? new URL("/v1beta3/crypto/us/bars", config.dataUrl)
      : new URL(`/v2/stocks/${encodeURIComponent(symbol)}/bars`, config.dataUrl);
    if (crypto) url.searchParams.set("symbols", symbol);
    url.searchParams.set("timeframe", alpacaTimeframe(timeframe));
    url.searchParams.set("start", rfc3339(from));
    url.searchParams.set("end", rfc3339(to - 1));
    url.searchParams.set("limit", String(config.pageLimit));
    url.searchParams.set("sort", "asc");
    if (!crypto) {
      url.searchParams.set("feed", config.feed);
      url.searchParams.set("adjustment", config.adjustment);
    }
    if (pageToken) url.searchParams.set("page_token", pageToken);
    if (crypto) {
      const page = await http.getJson(url, cryptoBarsResponse);
      for (const bar of page.bars[symbol] ?? []) bars.push(barFromAlpaca(bar, timeframe));
      pageToken = page.next_page_token;
    } else {
      const page = await http.getJson(url, stockBarsResponse);
      for (const bar of page.bars ?? []) bars.push(barFromAlpaca(bar, timeframe));
      pageToken = page.next_page_token;
    }
  } while (pageToken);
  return barsToColumns(bars, from, to);
}
