"use client";

import { AreaSeries, ColorType, createChart, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import { formatMoney } from "./format";

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/**
 * One curve of a stored report ([time, value] pairs) as a filled area. The chart is remade when
 * the data or theme changes: a report is drawn once, so there is nothing to keep between draws.
 */
export function CurveChart({
  points,
  kind,
  dark,
  testId,
}: {
  points: readonly [number, number][];
  kind: "equity" | "drawdown";
  dark: boolean;
  testId: string;
}) {
  const container = useRef<HTMLDivElement>(null);
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
      },
      grid: { vertLines: { color: grid }, horzLines: { color: grid } },
      rightPriceScale: { borderColor: border },
      // A report shows its whole history: with the default spacing of half a pixel per point, a
      // thousand points would not fit a narrow card and the earliest (perhaps the deepest
      // drawdown) would be cut off.
      timeScale: { borderColor: border, minBarSpacing: 0.05 },
      handleScroll: false,
      handleScale: false,
    });
    const equity = kind === "equity";
    const series = chart.addSeries(AreaSeries, {
      lineColor: equity ? "#2f5bea" : "#dc2626",
      topColor: equity ? "rgba(47,91,234,0.25)" : "rgba(220,38,38,0.02)",
      bottomColor: equity ? "rgba(47,91,234,0.02)" : "rgba(220,38,38,0.3)",
      invertFilledArea: !equity,
      lineWidth: equity ? 2 : 1,
      priceLineVisible: false,
      priceFormat: {
        type: "custom",
        formatter: equity ? (v: number) => formatMoney(v) : (v: number) => `${v.toFixed(2)}%`,
      },
    });
    // Drawdowns are stored as positive falls; drawn below zero, they read as losses.
    series.setData(points.map(([t, v]) => ({ time: seconds(t), value: equity ? v : -v * 100 })));
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points, kind, dark]);
  return <div ref={container} className="h-full w-full" data-testid={testId} />;
}
