import { macdPeriods, type OpWriter, onlySmaBands } from "../shared/ops";
import { jsString } from "../shared/text";
import { JS_AVERAGE_HELPERS, JS_AVERAGE_OPS } from "./ops-averages";
import { JS_BAR_HELPERS, JS_BAR_OPS } from "./ops-bars";
import { JS_INDICATOR_OPS } from "./ops-indicators";
import { JS_MORE_OPS } from "./ops-more";
import { JS_PATTERN_OPS } from "./ops-patterns";

/**
 * The JavaScript of each op: batch versions of the node kernels in nodes/, with the same
 * operations in the same order so values agree with the engine to the last bit. Every function
 * treats bars before `start` (the first bar all its inputs hold values) as nonexistent.
 */
const HELPERS: Record<string, string> = {
  column: `/** A column of n bars, empty (NaN) until written. */
function column(n) {
  return new Float64Array(n).fill(NaN);
}`,
  ema: `/** EMA seeded with the SMA of its first period values (TA-Lib), from bar start on. */
function ema(source, period, start) {
  const out = column(source.length);
  const k = 2 / (period + 1);
  const seedAt = start + period - 1;
  let seedSum = 0;
  for (let i = start; i < seedAt && i < source.length; i++) seedSum += source[i];
  if (seedAt >= source.length) return out;
  let value = (seedSum + source[seedAt]) / period;
  out[seedAt] = value;
  for (let i = seedAt + 1; i < source.length; i++) {
    value = (source[i] - value) * k + value;
    out[i] = value;
  }
  return out;
}`,
  trueRange: `/** The bar's range stretched to include a gap from the previous close. */
function trueRangeAt(high, low, previousClose) {
  let greatest = high - low;
  const fromHigh = Math.abs(previousClose - high);
  if (fromHigh > greatest) greatest = fromHigh;
  const fromLow = Math.abs(previousClose - low);
  if (fromLow > greatest) greatest = fromLow;
  return greatest;
}`,
  rollingMean: `/** A mean of the last period values pushed, summed in TA-Lib's order; NaN until full. */
function rollingMean(period) {
  const window = new Float64Array(period);
  let slot = 0;
  let count = 0;
  let sum = 0;
  return (value) => {
    sum += value;
    window[slot] = value;
    slot = slot + 1 === period ? 0 : slot + 1;
    if (count < period) count++;
    if (count < period) return NaN;
    const mean = sum / period;
    sum -= window[slot];
    return mean;
  };
}`,
  ...JS_BAR_HELPERS,
  ...JS_AVERAGE_HELPERS,
};

const elementwise = (name: string, doc: string, expression: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} */
function ${name}(a, b, start) {
  const out = column(a.length);
  for (let i = start; i < a.length; i++) out[i] = ${expression};
  return out;
}`,
  call: ([a, b], step) => `${name}(${a}, ${b}, ${step.step.start})`,
});

const logical = (name: string, doc: string, test: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} Empty while an input is empty. */
function ${name}(a, b, start) {
  const out = column(a.length);
  for (let i = start; i < a.length; i++) {
    if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) out[i] = ${test} ? 1 : 0;
  }
  return out;
}`,
  call: ([a, b], step) => `${name}(${a}, ${b}, ${step.step.start})`,
});

const crossing = (name: string, doc: string, test: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} */
function ${name}(a, b, start) {
  const out = column(a.length);
  for (let i = start + 1; i < a.length; i++) {
    const [x, y, px, py] = [a[i], b[i], a[i - 1], b[i - 1]];
    if (!Number.isNaN(x) && !Number.isNaN(y) && !Number.isNaN(px) && !Number.isNaN(py)) out[i] = ${test} ? 1 : 0;
  }
  return out;
}`,
  call: ([a, b], step) => `${name}(${a}, ${b}, ${step.step.start})`,
});

export const JS_OPS: Record<string, OpWriter> = {
  "data.priceFeed": {
    name: "priceField",
    helpers: ["column"],
    code: `/** One number of each bar: a field, or hl2, hlc3, ohlc4. */
function priceField(bars, field, start) {
  const out = column(bars.close.length);
  const { open, high, low, close } = bars;
  for (let i = start; i < out.length; i++) {
    if (field === "hl2") out[i] = (high[i] + low[i]) / 2;
    else if (field === "hlc3") out[i] = (high[i] + low[i] + close[i]) / 3;
    else if (field === "ohlc4") out[i] = (open[i] + high[i] + low[i] + close[i]) / 4;
    else out[i] = bars[field][i];
  }
  return out;
}`,
    call: ([bars], step) => `priceField(${bars}, ${jsString(String(step.params.field))}, ${step.step.start})`,
  },
  "data.constant": {
    // constantColumn is part of every export (constants in rules use it too).
    name: "constantColumn",
    code: "",
    call: (_args, step, literal) => `constantColumn(n, ${literal(step.params.value as number)})`,
  },
  "indicators.sma": {
    name: "sma",
    helpers: ["column"],
    code: `/** Simple moving average (TA-Lib SMA): the mean of the last period values. */
function sma(source, period, start) {
  const out = column(source.length);
  let sum = 0;
  for (let i = start; i < source.length; i++) {
    sum += source[i];
    if (i - start >= period) sum -= source[i - period];
    if (i - start >= period - 1) out[i] = sum / period;
  }
  return out;
}`,
    call: ([source], step) => `sma(${source}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.ema": {
    name: "ema",
    helpers: ["column", "ema"],
    code: "",
    call: ([source], step) => `ema(${source}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.rsi": {
    // One Wilder loop serves RSI and CMO (ops-averages), so a plan with both writes it once.
    name: "wilderOscillator",
    helpers: ["column", "wilderOscillator"],
    code: "",
    call: ([source], step) => `wilderOscillator(${source}, ${step.params.period}, ${step.step.start}, "rsi")`,
  },
  "indicators.atr": {
    name: "atr",
    helpers: ["column", "trueRange"],
    code: `/** Wilder's Average True Range (TA-Lib ATR): the first bar has no previous close. */
function atr(bars, period, start) {
  const { high, low, close } = bars;
  const out = column(close.length);
  let value = 0;
  for (let i = start + 1; i < close.length; i++) {
    const bar = i - start;
    if (bar > period) {
      value *= period - 1;
      value += trueRangeAt(high[i], low[i], close[i - 1]);
      value /= period;
      out[i] = value;
    } else {
      value += trueRangeAt(high[i], low[i], close[i - 1]);
      if (bar === period) {
        value /= period;
        out[i] = value;
      }
    }
  }
  return out;
}`,
    call: ([bars], step) => `atr(${bars}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.trange": {
    name: "trueRange",
    helpers: ["column", "trueRange"],
    code: `function trueRange(bars, start) {
  const { high, low, close } = bars;
  const out = column(close.length);
  for (let i = start + 1; i < close.length; i++) out[i] = trueRangeAt(high[i], low[i], close[i - 1]);
  return out;
}`,
    call: ([bars], step) => `trueRange(${bars}, ${step.step.start})`,
  },
  "indicators.bbands": {
    name: "bollingerBands",
    helpers: ["column"],
    refuse: onlySmaBands,
    code: `/** Bollinger Bands over an SMA with TA-Lib's sums: variance = mean of squares - squared mean. */
function bollingerBands(source, period, up, down, start) {
  const [upper, middle, lower] = [column(source.length), column(source.length), column(source.length)];
  const first = start + period - 1;
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = start; i < first && i < source.length; i++) {
    sum += source[i];
    sumOfSquares += source[i] * source[i];
  }
  for (let i = first; i < source.length; i++) {
    const x = source[i];
    const leaving = source[i - period + 1];
    sum += x;
    const mean = sum / period;
    sum -= leaving;
    sumOfSquares += x * x;
    let variance = sumOfSquares / period;
    sumOfSquares -= leaving * leaving;
    variance -= mean * mean;
    const deviation = variance < 1e-14 ? 0.0 : Math.sqrt(variance);
    middle[i] = mean;
    upper[i] = mean + deviation * up;
    lower[i] = mean - deviation * down;
  }
  return [upper, middle, lower];
}`,
    call: ([source], step, literal) =>
      `bollingerBands(${source}, ${step.params.period}, ${literal(step.params.deviationsUp as number)}, ${literal(step.params.deviationsDown as number)}, ${step.step.start})`,
  },
  "indicators.macd": {
    name: "macd",
    helpers: ["column", "ema"],
    code: `/** MACD as TA-Lib computes it: the fast EMA is seeded where the slow one ends its warm-up. */
function macd(source, fast, slow, signal, start) {
  const lineStart = start + slow - 1;
  const fastEma = ema(source, fast, lineStart - (fast - 1));
  const slowEma = ema(source, slow, start);
  const line = column(source.length);
  for (let i = 0; i < source.length; i++) line[i] = fastEma[i] - slowEma[i];
  const signalLine = ema(line, signal, lineStart);
  const [macdOut, signalOut, histogram] = [column(source.length), column(source.length), column(source.length)];
  for (let i = lineStart + signal - 1; i < source.length; i++) {
    macdOut[i] = line[i];
    signalOut[i] = signalLine[i];
    histogram[i] = line[i] - signalLine[i];
  }
  return [macdOut, signalOut, histogram];
}`,
    call: ([source], step) => `macd(${source}, ${macdPeriods(step).join(", ")}, ${step.step.start})`,
  },
  "indicators.stoch": {
    name: "stochastic",
    helpers: ["column", "rollingMean"],
    code: `/** Slow stochastic (TA-Lib STOCH, SMA smoothing); 0 on a flat window. */
function stochastic(bars, fastK, slowK, slowD, start) {
  const { high, low, close } = bars;
  const [kOut, dOut] = [column(close.length), column(close.length)];
  const smoothK = rollingMean(slowK);
  const smoothD = rollingMean(slowD);
  const warm = fastK - 1 + slowK - 1 + slowD - 1;
  let [highestAt, highest, lowestAt, lowest] = [-1, 0, -1, 0];
  for (let i = start + fastK - 1; i < close.length; i++) {
    const bar = i - start;
    const first = i - fastK + 1;
    // Keep each extreme's bar and rescan only when it leaves the window; ties go to the latest bar.
    if (lowestAt < first) {
      [lowestAt, lowest] = [first, low[first]];
      for (let j = first + 1; j <= i; j++) if (low[j] <= lowest) [lowestAt, lowest] = [j, low[j]];
    } else if (low[i] <= lowest) [lowestAt, lowest] = [i, low[i]];
    if (highestAt < first) {
      [highestAt, highest] = [first, high[first]];
      for (let j = first + 1; j <= i; j++) if (high[j] >= highest) [highestAt, highest] = [j, high[j]];
    } else if (high[i] >= highest) [highestAt, highest] = [i, high[i]];
    const onePercent = (highest - lowest) / 100;
    const k = smoothK(onePercent !== 0 ? (close[i] - lowest) / onePercent : 0);
    const d = bar >= fastK - 1 + slowK - 1 ? smoothD(k) : NaN;
    if (bar >= warm) [kOut[i], dOut[i]] = [k, d];
  }
  return [kOut, dOut];
}`,
    call: ([bars], step) =>
      `stochastic(${bars}, ${step.params.fastKPeriod}, ${step.params.slowKPeriod}, ${step.params.slowDPeriod}, ${step.step.start})`,
  },
  "indicators.donchian": {
    name: "donchian",
    helpers: ["column"],
    code: `/** Donchian channel: highest high and lowest low of the last period bars, and their midpoint. */
function donchian(bars, period, start) {
  const { high, low } = bars;
  const [upper, middle, lower] = [column(high.length), column(high.length), column(high.length)];
  let [highestAt, highest, lowestAt, lowest] = [-1, NaN, -1, NaN];
  for (let i = start + period - 1; i < high.length; i++) {
    const oldest = i - period + 1;
    if (highestAt < oldest) {
      [highestAt, highest] = [oldest, high[oldest]];
      for (let j = oldest + 1; j <= i; j++) if (high[j] > highest) [highestAt, highest] = [j, high[j]];
    } else if (high[i] >= highest) [highestAt, highest] = [i, high[i]];
    if (lowestAt < oldest) {
      [lowestAt, lowest] = [oldest, low[oldest]];
      for (let j = oldest + 1; j <= i; j++) if (low[j] < lowest) [lowestAt, lowest] = [j, low[j]];
    } else if (low[i] <= lowest) [lowestAt, lowest] = [i, low[i]];
    upper[i] = highest;
    lower[i] = lowest;
    middle[i] = (highest + lowest) / 2;
  }
  return [upper, middle, lower];
}`,
    call: ([bars], step) => `donchian(${bars}, ${step.params.period}, ${step.step.start})`,
  },
  "math.add": elementwise("add", "A + B.", "a[i] + b[i]"),
  "math.subtract": elementwise("subtract", "A - B.", "a[i] - b[i]"),
  "math.multiply": elementwise("multiply", "A × B.", "a[i] * b[i]"),
  "math.divide": elementwise("divide", "A / B, empty where B is 0.", "b[i] === 0 ? NaN : a[i] / b[i]"),
  "math.min": elementwise("smaller", "The smaller of A and B.", "Math.min(a[i], b[i])"),
  "math.max": elementwise("larger", "The larger of A and B.", "Math.max(a[i], b[i])"),
  "math.pow": elementwise("power", "A to the power B.", "a[i] ** b[i]"),
  "math.lag": {
    name: "barsAgo",
    helpers: ["column"],
    code: `/** The value from a number of bars ago. */
function barsAgo(x, bars, start) {
  const out = column(x.length);
  for (let i = start + bars; i < x.length; i++) out[i] = x[i - bars];
  return out;
}`,
    call: ([x], step) => `barsAgo(${x}, ${step.params.bars}, ${step.step.start})`,
  },
  "logic.compare": {
    name: "compare",
    helpers: ["column"],
    code: `/** 1 where "a op b" holds, 0 where it does not, empty while an input is empty. */
function compare(a, b, op, start) {
  const test = {
    ">": (x, y) => x > y,
    ">=": (x, y) => x >= y,
    "<": (x, y) => x < y,
    "<=": (x, y) => x <= y,
    "==": (x, y) => x === y,
    "!=": (x, y) => x !== y,
  }[op];
  const out = column(a.length);
  for (let i = start; i < a.length; i++) {
    if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) out[i] = test(a[i], b[i]) ? 1 : 0;
  }
  return out;
}`,
    call: ([a, b], step) => `compare(${a}, ${b}, ${jsString(String(step.params.op))}, ${step.step.start})`,
  },
  "logic.crossesAbove": crossing(
    "crossesAbove",
    "1 on the bar where A moves from at or below B to above it.",
    "x > y && px <= py",
  ),
  "logic.crossesBelow": crossing(
    "crossesBelow",
    "1 on the bar where A moves from at or above B to below it.",
    "x < y && px >= py",
  ),
  "logic.and": logical("both", "1 where A and B are both true.", "a[i] === 1 && b[i] === 1"),
  "logic.or": logical("either", "1 where A or B is true.", "a[i] === 1 || b[i] === 1"),
  "logic.not": {
    name: "negate",
    helpers: ["column"],
    code: `/** 1 where A is false, 0 where it is true, empty while A is empty. */
function negate(a, start) {
  const out = column(a.length);
  for (let i = start; i < a.length; i++) if (!Number.isNaN(a[i])) out[i] = a[i] === 1 ? 0 : 1;
  return out;
}`,
    call: ([a], step) => `negate(${a}, ${step.step.start})`,
  },
  ...JS_MORE_OPS,
  ...JS_INDICATOR_OPS,
  ...JS_BAR_OPS,
  ...JS_PATTERN_OPS,
  ...JS_AVERAGE_OPS,
};

export const JS_HELPERS = HELPERS;
