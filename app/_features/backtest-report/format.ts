import type { Metrics } from "@/engine-runtime/execution/metrics";
import type { RunSettings } from "@/engine-runtime/execution/settings";

/**
 * How the report writes its numbers. Stored metrics are fractions (0.12 = 12 %) and money in the
 * account's unit; a metric that has no value (no trades, no variation) is null or NaN and shows as "–".
 */
const DASH = "–";
const MINUS = "−";

type Value = number | null | undefined;

const finite = (x: Value): x is number => typeof x === "number" && Number.isFinite(x);

function grouped(x: number, digits: number): string {
  return Math.abs(x).toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A fraction as a percentage: 0.1234 → "12.34%", with a sign when `signed`. */
export function formatPercent(x: Value, { digits = 2, signed = false } = {}): string {
  if (!finite(x)) return DASH;
  const text = `${grouped(x * 100, digits)}%`;
  if (text === `${grouped(0, digits)}%`) return text;
  return x < 0 ? `${MINUS}${text}` : signed ? `+${text}` : text;
}

/** Money with thousands separators and cents: 1234.5 → "1,234.50"; signed for gains and losses. */
export function formatMoney(x: Value, { signed = false } = {}): string {
  if (!finite(x)) return DASH;
  const text = grouped(x, 2);
  if (text === "0.00") return text;
  return x < 0 ? `${MINUS}${text}` : signed ? `+${text}` : text;
}

/** A ratio such as Sharpe: two decimals. */
export function formatRatio(x: Value): string {
  if (!finite(x)) return DASH;
  const text = grouped(x, 2);
  return x < 0 && text !== "0.00" ? `${MINUS}${text}` : text;
}

/** A price as it was filled: up to 4 decimals, at least 2. */
export function formatPrice(x: Value): string {
  if (!finite(x)) return DASH;
  const text = Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 });
  return x < 0 ? `${MINUS}${text}` : text;
}

/**
 * A number of bars, with the calendar time it spans when the bars per year are known:
 * 126 bars at 252 a year → "126 bars (≈ 6 months)".
 */
export function formatBars(bars: Value, barsPerYear?: Value): string {
  if (!finite(bars)) return DASH;
  const count = `${bars.toLocaleString("en-US")} ${bars === 1 ? "bar" : "bars"}`;
  if (!finite(barsPerYear) || barsPerYear <= 0 || bars === 0) return count;
  return `${count} (≈ ${formatSpan((bars / barsPerYear) * 365.25)})`;
}

/** A span of calendar days in the largest unit that keeps it readable. */
export function formatSpan(days: number): string {
  const round = (x: number) => (x >= 10 ? Math.round(x).toString() : (Math.round(x * 10) / 10).toString());
  const unit = (x: number, name: string) => `${round(x)} ${name}${round(x) === "1" ? "" : "s"}`;
  if (days >= 365.25) return unit(days / 365.25, "year");
  if (days >= 30.44) return unit(days / 30.44, "month");
  if (days >= 1) return unit(days, "day");
  const hours = days * 24;
  if (hours >= 1) return unit(hours, "hour");
  return unit(hours * 60, "minute");
}

/** How long a run took: "0.8 s", "12 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A bar's time in UTC: the date alone for daily or slower data, date and minutes otherwise. */
export function formatBarTime(ms: number, intraday: boolean): string {
  const iso = new Date(ms).toISOString();
  return intraday ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

export type Tone = "gain" | "loss" | undefined;

export interface MetricCard {
  key: string;
  label: string;
  value: string;
  hint?: string;
  tone?: Tone;
}

/** "≈ 6 months" for a number of bars, or nothing when the bars per year are unknown. */
function span(bars: Value, barsPerYear: Value): string {
  if (!finite(bars) || !finite(barsPerYear) || barsPerYear <= 0 || bars === 0) return "";
  return `≈ ${formatSpan((bars / barsPerYear) * 365.25)}`;
}

const tone = (x: Value): Tone => (finite(x) ? (x > 0 ? "gain" : x < 0 ? "loss" : undefined) : undefined);

/** The report's key numbers, in the order a trader reads them. */
export function metricCards(m: Metrics): MetricCard[] {
  const noLosses = m.trades > 0 && !finite(m.averageLoss) && finite(m.averageWin);
  return [
    {
      key: "total-return",
      label: "Total return",
      value: formatPercent(m.totalReturn, { signed: true }),
      tone: tone(m.totalReturn),
      hint: `${formatMoney(m.netProfit, { signed: true })} net profit`,
    },
    {
      key: "cagr",
      label: "CAGR",
      value: formatPercent(m.cagr, { signed: true }),
      tone: tone(m.cagr),
      hint: "Compound annual growth",
    },
    { key: "sharpe", label: "Sharpe", value: formatRatio(m.sharpe), hint: "Annualised, risk-free rate 0" },
    { key: "sortino", label: "Sortino", value: formatRatio(m.sortino), hint: "Return per unit of downside" },
    { key: "calmar", label: "Calmar", value: formatRatio(m.calmar), hint: "CAGR ÷ max drawdown" },
    {
      key: "max-drawdown",
      label: "Max drawdown",
      value: formatPercent(finite(m.maxDrawdown) ? -m.maxDrawdown : m.maxDrawdown),
      tone: finite(m.maxDrawdown) && m.maxDrawdown > 0 ? "loss" : undefined,
      hint: `Lasted ${span(m.maxDrawdownBars, m.barsPerYear) || formatBars(m.maxDrawdownBars)}`,
    },
    { key: "win-rate", label: "Win rate", value: formatPercent(m.winRate, { digits: 1 }) },
    {
      key: "profit-factor",
      label: "Profit factor",
      value: noLosses ? "∞" : formatRatio(m.profitFactor),
      hint: noLosses ? "No losing trade" : "Gross profit ÷ gross loss",
    },
    {
      key: "expectancy",
      label: "Expectancy",
      value: formatMoney(m.expectancy, { signed: true }),
      tone: tone(m.expectancy),
      hint: "Average P&L per trade",
    },
    {
      key: "average-win",
      label: "Average win",
      value: formatMoney(m.averageWin, { signed: true }),
      tone: tone(m.averageWin),
    },
    {
      key: "average-loss",
      label: "Average loss",
      value: formatMoney(m.averageLoss, { signed: true }),
      tone: tone(m.averageLoss),
    },
    {
      key: "exposure",
      label: "Exposure",
      value: formatPercent(m.exposure, { digits: 1 }),
      hint: "Share of bars in a position",
    },
    {
      key: "trades",
      label: "Trades",
      value: finite(m.trades) ? m.trades.toLocaleString("en-US") : DASH,
      hint: "Closed trades",
    },
    {
      key: "longest-flat",
      label: "Longest flat period",
      value: formatBars(m.longestFlatBars),
      hint: span(m.longestFlatBars, m.barsPerYear) || "Bars without a position",
    },
  ];
}

/**
 * The assumptions of a run in one line, position size included: without it a trader reading a
 * 0.3% return over twenty years cannot tell a weak strategy from a one-share position.
 */
export function describeRunSettings(s: RunSettings): string {
  const parts = [`starting cash ${formatMoney(s.initialCash)}`];
  // Reports stored before the size was a setting hold none: they ran with the default of one.
  const quantity = s.defaultQuantity ?? 1;
  parts.push(
    `${quantity.toLocaleString("en-US")} ${quantity === 1 ? "unit" : "units"} per entry unless a Position Size node sets it`,
  );
  const c = s.commission;
  const costs = [
    c?.percent ? `${c.percent}%` : "",
    c?.perUnit ? `${formatMoney(c.perUnit)} a unit` : "",
    c?.perOrder ? `${formatMoney(c.perOrder)} a fill` : "",
  ].filter(Boolean);
  parts.push(costs.length > 0 ? `commission ${costs.join(" + ")}` : "no commission");
  const slip = s.slippage;
  const slips = [slip?.bps ? `${slip.bps} bps` : "", slip?.ticks ? `${slip.ticks} ticks` : ""].filter(
    Boolean,
  );
  parts.push(slips.length > 0 ? `slippage ${slips.join(" + ")}` : "no slippage");
  return parts.join(" · ");
}
