import { describe, expect, it } from "vitest";
import type { Metrics } from "@/engine-runtime/execution/metrics";
import {
  formatBars,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPrice,
  formatRatio,
  formatSpan,
  metricCards,
} from "./format";

describe("formatPercent", () => {
  it("writes fractions as percentages with a true minus sign", () => {
    expect(formatPercent(0.1234)).toBe("12.34%");
    expect(formatPercent(-0.5), "losses use U+2212, which lines up with digits").toBe("−50.00%");
    expect(formatPercent(0.1234, { signed: true }), "gains are signed where asked").toBe("+12.34%");
    expect(formatPercent(12.5, { digits: 1 }), "thousands are grouped").toBe("1,250.0%");
  });
  it("never writes a sign on a value that rounds to zero", () => {
    expect(formatPercent(-0.000001, { signed: true })).toBe("0.00%");
  });
  it("shows a dash for values that do not exist", () => {
    expect(formatPercent(null), "stored JSON has null for NaN and Infinity").toBe("–");
    expect(formatPercent(Number.NaN)).toBe("–");
  });
});

describe("formatMoney and formatRatio", () => {
  it("groups thousands and keeps cents", () => {
    expect(formatMoney(1234.5)).toBe("1,234.50");
    expect(formatMoney(-98765.432, { signed: true })).toBe("−98,765.43");
    expect(formatMoney(0.004, { signed: true }), "a rounded zero is unsigned").toBe("0.00");
  });
  it("writes ratios with two decimals", () => {
    expect(formatRatio(1.23456)).toBe("1.23");
    expect(formatRatio(-0.5)).toBe("−0.50");
    expect(formatRatio(undefined)).toBe("–");
  });
  it("keeps a price's significant decimals", () => {
    expect(formatPrice(12.5)).toBe("12.50");
    expect(formatPrice(0.123456), "four decimals for small prices").toBe("0.1235");
  });
});

describe("formatBars and spans", () => {
  it("adds the calendar time a number of bars spans", () => {
    expect(formatBars(126, 252), "half a year of daily bars").toBe("126 bars (≈ 6 months)");
    expect(formatBars(504, 252)).toBe("504 bars (≈ 2 years)");
    expect(formatBars(1, 252)).toBe("1 bar (≈ 1.4 days)");
    expect(formatBars(12, Number.NaN), "no span without bars per year").toBe("12 bars");
    expect(formatBars(0, 252)).toBe("0 bars");
  });
  it("picks a readable unit", () => {
    expect(formatSpan(1 / 24)).toBe("1 hour");
    expect(formatSpan(5 / 1440)).toBe("5 minutes");
    expect(formatSpan(45)).toBe("1.5 months");
  });
  it("writes run times", () => {
    expect(formatDuration(840)).toBe("0.8 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
  });
});

const metrics: Metrics = {
  initialEquity: 10_000,
  finalEquity: 12_500,
  netProfit: 2_500,
  totalReturn: 0.25,
  cagr: 0.05,
  annualVolatility: 0.2,
  sharpe: 0.8,
  sortino: 1.1,
  calmar: 0.4,
  maxDrawdown: 0.125,
  maxDrawdownBars: 252,
  trades: 20,
  winRate: 0.45,
  profitFactor: 1.6,
  expectancy: 125,
  averageWin: 600,
  averageLoss: -263.64,
  exposure: 0.6,
  longestFlatBars: 30,
  totalCommission: 0,
  barsPerYear: 252,
};

describe("metricCards", () => {
  const byKey = (m: Metrics) => Object.fromEntries(metricCards(m).map((c) => [c.key, c]));

  it("shows every key metric the report promises", () => {
    expect(Object.keys(byKey(metrics))).toEqual([
      "total-return",
      "cagr",
      "sharpe",
      "sortino",
      "calmar",
      "max-drawdown",
      "win-rate",
      "profit-factor",
      "expectancy",
      "average-win",
      "average-loss",
      "exposure",
      "trades",
      "longest-flat",
    ]);
  });

  it("writes drawdowns as losses with their duration", () => {
    const card = byKey(metrics)["max-drawdown"];
    expect(card.value, "a drawdown is a fall, so it reads negative").toBe("−12.50%");
    expect(card.tone).toBe("loss");
    expect(card.hint, "the calendar time, which reads easier than bars").toBe("Lasted ≈ 1 year");
    const flat = byKey(metrics)["longest-flat"];
    expect([flat.value, flat.hint]).toEqual(["30 bars", "≈ 1.4 months"]);
  });

  it("says ∞ for a profit factor without a losing trade (stored as null)", () => {
    const none = { ...metrics, profitFactor: null, averageLoss: null } as unknown as Metrics;
    expect(byKey(none)["profit-factor"].value).toBe("∞");
    const noTrades = { ...none, trades: 0, averageWin: null } as unknown as Metrics;
    expect(byKey(noTrades)["profit-factor"].value, "no trades is no profit factor at all").toBe("–");
  });
});
