"use client";

import {
  AreaSeries,
  CandlestickSeries,
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
import { useEffect, useRef, useState } from "react";
import type { BarColumns } from "@/engine-runtime/data/bars";
import type { PreviewResult } from "./protocol";

const OVERLAY_COLOURS = ["#3b82f6", "#f59e0b", "#a855f7", "#14b8a6", "#ec4899", "#64748b"];
const UP = "#16a34a";
const VISIBLE_BARS = 400;
const DOWN = "#dc2626";

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

function themeOptions(dark: boolean) {
  const text = dark ? "#95a0b8" : "#5b6577";
  const grid = dark ? "#1b2238" : "#eef1f6";
  return {
    layout: {
      background: { type: ColorType.Solid, color: "transparent" },
      textColor: text,
      fontSize: 11,
      attributionLogo: false,
      panes: { separatorColor: dark ? "#232b44" : "#e2e7ef" },
    },
    grid: { vertLines: { color: grid }, horzLines: { color: grid } },
    rightPriceScale: { borderColor: dark ? "#232b44" : "#e2e7ef" },
    timeScale: { borderColor: dark ? "#232b44" : "#e2e7ef", minBarSpacing: 0.05 },
  };
}

/** A chart in a div; the chart instance is state, so effects that draw on it rerun when it is remade. */
function useChart(dark: boolean) {
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<IChartApi | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is made once; the effect below applies theme changes
  useEffect(() => {
    if (!container.current) return;
    const made = createChart(container.current, { autoSize: true, ...themeOptions(dark) });
    setChart(made);
    return () => {
      setChart(null);
      made.remove();
    };
  }, []);
  useEffect(() => chart?.applyOptions(themeOptions(dark)), [chart, dark]);
  return { container, chart };
}

/** Removes every series and extra pane, so each result draws on a clean chart. */
function clear(chart: IChartApi) {
  for (let i = chart.panes().length - 1; i > 0; i--) chart.removePane(i);
  for (const series of chart.panes()[0]?.getSeries() ?? []) chart.removeSeries(series);
}

function lineData(time: Float64Array, values: Float64Array, scale = 1) {
  const data: { time: UTCTimestamp; value?: number }[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    data[i] = Number.isFinite(v) ? { time: seconds(time[i]), value: v * scale } : { time: seconds(time[i]) };
  }
  return data;
}

/**
 * Candles with the plan's price overlays and buy/sell markers; oscillators get panes below.
 * The candles are set once per dataset; an edit only redraws the overlays and markers, which keeps
 * the edit → chart time small on long data.
 */
export function PriceChart({
  bars,
  result,
  dark,
  onRendered,
}: {
  bars: BarColumns;
  result: PreviewResult;
  dark: boolean;
  onRendered: () => void;
}) {
  const { container, chart } = useChart(dark);
  const candles = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const overlays = useRef<ISeriesApi<"Line">[]>([]);
  // The chart these series belong to: a remade chart starts with none.
  const owner = useRef<IChartApi | null>(null);
  const overlayShape = useRef("");

  useEffect(() => {
    const api = chart;
    if (!api) return;
    if (owner.current !== api) {
      owner.current = api;
      overlays.current = [];
      candles.current = null;
    }
    for (const series of overlays.current) api.removeSeries(series);
    for (let i = api.panes().length - 1; i > 0; i--) api.removePane(i);
    overlays.current = [];
    overlayShape.current = "";
    if (candles.current) api.removeSeries(candles.current);
    const n = bars.time.length;
    const data = new Array(n);
    for (let i = 0; i < n; i++) {
      data[i] = {
        time: seconds(bars.time[i]),
        open: bars.open[i],
        high: bars.high[i],
        low: bars.low[i],
        close: bars.close[i],
      };
    }
    const series = api.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    series.setData(data);
    candles.current = series;
    markers.current = createSeriesMarkers(series, []);
    // The latest bars first, as trading charts open: drawing every one of 10,000 candles on each edit
    // would cost more than the backtest itself. Scrolling and zooming out show the rest.
    api.timeScale().setVisibleLogicalRange({ from: Math.max(0, n - VISIBLE_BARS), to: n + 2 });
  }, [bars, chart]);

  useEffect(() => {
    const api = chart;
    if (!api || owner.current !== api || !candles.current) return;
    const lines = result.series.filter((plot) => plot.kind === "line");
    const shape = lines.map((plot) => `${plot.pane}:${plot.label}`).join("|");
    // An edit that keeps the same plots (a changed period) only swaps their data: no pane is rebuilt.
    if (shape !== overlayShape.current) {
      for (const series of overlays.current) api.removeSeries(series);
      for (let i = api.panes().length - 1; i > 0; i--) api.removePane(i);
      overlays.current = [];
      let pane = 1;
      for (const [i, plot] of lines.entries()) {
        const onPrice = plot.pane === "price";
        overlays.current.push(
          api.addSeries(
            LineSeries,
            {
              color: OVERLAY_COLOURS[i % OVERLAY_COLOURS.length],
              lineWidth: 2,
              title: plot.label,
              priceLineVisible: false,
              lastValueVisible: false,
              crosshairMarkerVisible: false,
            },
            onPrice ? 0 : Math.min(pane++, 3),
          ),
        );
      }
      for (const [i, p] of api.panes().entries()) p.setStretchFactor(i === 0 ? 3 : 1);
      overlayShape.current = shape;
    }
    for (const [i, plot] of lines.entries()) overlays.current[i].setData(lineData(result.time, plot.values));
    // Words on every arrow would bury a long backtest; they appear when there are few enough to read.
    const words = result.fills.length <= 40;
    markers.current?.setMarkers(
      result.fills.map((fill) => ({
        time: seconds(fill.time),
        position: fill.side === "buy" ? "belowBar" : "aboveBar",
        shape: fill.side === "buy" ? "arrowUp" : "arrowDown",
        color: fill.side === "buy" ? UP : DOWN,
        text: words ? (fill.side === "buy" ? "Buy" : "Sell") : undefined,
        size: words ? 1 : 0.6,
      })),
    );
    requestAnimationFrame(onRendered);
  }, [result, chart, onRendered]);

  return <div ref={container} className="h-full w-full" data-testid="price-chart" />;
}

/** The account's value over time, and below it how far it stood under its last peak. */
export function EquityChart({ result, dark }: { result: PreviewResult; dark: boolean }) {
  const { container, chart } = useChart(dark);
  useEffect(() => {
    const api = chart;
    if (!api) return;
    clear(api);
    const equity = api.addSeries(AreaSeries, {
      lineColor: "#2f5bea",
      topColor: "rgba(47,91,234,0.25)",
      bottomColor: "rgba(47,91,234,0.02)",
      lineWidth: 2,
      title: "Equity",
      priceLineVisible: false,
    });
    equity.setData(lineData(result.time, result.equity));
    const drawdown = api.addSeries(
      AreaSeries,
      {
        lineColor: DOWN,
        topColor: "rgba(220,38,38,0.02)",
        bottomColor: "rgba(220,38,38,0.3)",
        lineWidth: 1,
        title: "Drawdown %",
        priceLineVisible: false,
        invertFilledArea: true,
        priceFormat: { type: "custom", formatter: (v: number) => `${v.toFixed(1)}%` },
      },
      1,
    );
    drawdown.setData(lineData(result.time, result.drawdown, -100));
    api.panes()[0]?.setStretchFactor(2);
    api.timeScale().fitContent();
  }, [result, chart]);
  return <div ref={container} className="h-full w-full" data-testid="equity-chart" />;
}
