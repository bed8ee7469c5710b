"use client";

import {
  AreaSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useRef } from "react";
import { formatMoney, formatPrice } from "@/app/_features/backtest-report/format";

const UP = "#16a34a";
const DOWN = "#dc2626";
const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

export interface ChartFill {
  time: number;
  side: string;
}

interface Series {
  chart: IChartApi;
  price: ISeriesApi<"Line">;
  equity: ISeriesApi<"Area">;
  markers: ISeriesMarkersPluginApi<Time>;
}

/**
 * The session as it trades: the closes it traded on (stored, then live) on top with a marker per
 * fill, the account's equity below. Points are [epoch-ms, value], ascending; the chart follows
 * the newest bar.
 */
export function SessionChart({
  closes,
  equity,
  fills,
  dark,
  intraday = false,
}: {
  closes: readonly [number, number][];
  equity: readonly [number, number][];
  fills: readonly ChartFill[];
  dark: boolean;
  /** Bars shorter than a day: the time axis shows hours and minutes. */
  intraday?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<Series | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const text = dark ? "#95a0b8" : "#5b6577";
    const grid = dark ? "#1b2238" : "#eef1f6";
    const border = dark ? "#232b44" : "#e2e7ef";
    const chart = createChart(container.current, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: "transparent" },
        textColor: text,
        fontSize: 11,
        attributionLogo: false,
        panes: { separatorColor: border },
      },
      grid: { vertLines: { color: grid }, horzLines: { color: grid } },
      rightPriceScale: { borderColor: border },
      timeScale: { borderColor: border, minBarSpacing: 0.05 },
    });
    const price = chart.addSeries(LineSeries, {
      color: "#3b82f6",
      lineWidth: 2,
      title: "Close",
      priceLineVisible: false,
      priceFormat: { type: "custom", formatter: (v: number) => formatPrice(v) },
    });
    const equitySeries = chart.addSeries(
      AreaSeries,
      {
        lineColor: "#2f5bea",
        topColor: "rgba(47,91,234,0.25)",
        bottomColor: "rgba(47,91,234,0.02)",
        lineWidth: 2,
        title: "Equity",
        priceLineVisible: false,
        priceFormat: { type: "custom", formatter: (v: number) => formatMoney(v) },
      },
      1,
    );
    for (const [i, pane] of chart.panes().entries()) pane.setStretchFactor(i === 0 ? 2 : 1);
    series.current = { chart, price, equity: equitySeries, markers: createSeriesMarkers(price, []) };
    return () => {
      series.current = null;
      chart.remove();
    };
  }, [dark]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a chart remade for a new theme is drawn again
  useEffect(() => {
    const drawn = series.current;
    if (!drawn) return;
    drawn.price.setData(closes.map(([t, v]) => ({ time: seconds(t), value: v })));
    drawn.equity.setData(equity.map(([t, v]) => ({ time: seconds(t), value: v })));
    // A marker needs a close at its bar: fills before the first stored close have none to sit on.
    const first = closes[0]?.[0] ?? Number.POSITIVE_INFINITY;
    const words = fills.length <= 40;
    drawn.markers.setMarkers(
      fills
        .filter((f) => f.time >= first)
        .sort((a, b) => a.time - b.time)
        .map((fill) => ({
          time: seconds(fill.time),
          position: fill.side === "buy" ? "belowBar" : "aboveBar",
          shape: fill.side === "buy" ? "arrowUp" : "arrowDown",
          color: fill.side === "buy" ? UP : DOWN,
          text: words ? (fill.side === "buy" ? "Buy" : "Sell") : undefined,
        })),
    );
    drawn.chart.timeScale().fitContent();
  }, [closes, equity, fills, dark]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a chart remade for a new theme needs it again
  useEffect(() => {
    series.current?.chart.applyOptions({ timeScale: { timeVisible: intraday } });
  }, [intraday, dark]);

  // The count of closes drawn is on the element too: the chart itself is a canvas.
  return (
    <div
      ref={container}
      className="h-full w-full"
      data-testid="paper-chart"
      data-price-points={closes.length}
    />
  );
}
