/**
 * Which plotted series are in price units, so they overlay the candles ("price" pane) instead of
 * getting a pane of their own. NodeDefinition has no field for this: the compiler decides from
 * these explicit lists, and a series is in price units only when its inputs are too (an SMA of
 * the close overlays the candles, an SMA of the RSI does not).
 */

/** Outputs are in the units of their inputs: moving averages, bands, channels, rolling extremes. */
const FOLLOWS_INPUTS: ReadonlySet<string> = new Set([
  "indicators.bbands",
  "indicators.dema",
  "indicators.donchian",
  "indicators.ema",
  "indicators.hma",
  "indicators.ichimoku",
  "indicators.kama",
  "indicators.keltner",
  "indicators.linearReg",
  "indicators.midpoint",
  "indicators.midprice",
  "indicators.rma",
  "indicators.sar",
  "indicators.sma",
  "indicators.supertrend",
  "indicators.t3",
  "indicators.tema",
  "indicators.trima",
  "indicators.vwap",
  "indicators.wma",
  "math.clamp",
  "math.lag",
  "math.max",
  "math.min",
  "math.rollingMax",
  "math.rollingMean",
  "math.rollingMin",
  "math.round",
]);

/** Outputs keep price units when exactly one input is a series (in price units) and the rest are numbers: close + 5. */
const SHIFTS_BY_A_NUMBER: ReadonlySet<string> = new Set([
  "math.add",
  "math.subtract",
  "math.multiply",
  "math.divide",
]);

/** How a node type's series outputs relate to the price units of its inputs (see the lists above). */
export type PriceRule = "follows" | "shifts" | "never";

export function priceRuleOf(type: string): PriceRule {
  if (FOLLOWS_INPUTS.has(type)) return "follows";
  return SHIFTS_BY_A_NUMBER.has(type) ? "shifts" : "never";
}

/**
 * Whether a node's series outputs are in price units, given its type's rule, how many of its
 * input columns are series (not constants; the caller leaves out a bars input's time and volume)
 * and whether all of those are in price units.
 */
export function keepsPriceUnits(rule: PriceRule, series: number, allPriced: boolean): boolean {
  if (series === 0 || !allPriced) return false;
  return rule === "follows" || (rule === "shifts" && series === 1);
}
