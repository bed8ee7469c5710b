import type { StepInfo } from "../shared/model";
import type { OpWriter } from "../shared/ops";
import { jsString } from "../shared/text";
import { JS_INDICATOR_OPS } from "./ops-indicators";

/**
 * The JavaScript of the moving averages and the oscillators built on them: batch versions of
 * their kernels in nodes/, with the same operations in the same order. The averages are helpers
 * because APO and PPO pick one by their moving-average type, and HMA is made of WMAs.
 */
export const JS_AVERAGE_HELPERS: Record<string, string> = {
  // The WMA op's own function, so a plan with both emits it once.
  wma: JS_INDICATOR_OPS["indicators.wma"].code,
  dema: `/** DEMA (TA-Lib): 2·EMA − EMA(EMA), the second EMA seeded where the first has its first value. */
function dema(source, period, start) {
  const first = ema(source, period, start);
  const second = ema(first, period, start + period - 1);
  const out = column(source.length);
  for (let i = start; i < source.length; i++) out[i] = 2.0 * first[i] - second[i];
  return out;
}`,
  tema: `/** TEMA (TA-Lib): 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)), each EMA seeded where the one it smooths starts. */
function tema(source, period, start) {
  const first = ema(source, period, start);
  const second = ema(first, period, start + period - 1);
  const third = ema(second, period, start + 2 * (period - 1));
  const out = column(source.length);
  for (let i = start; i < source.length; i++) out[i] = third[i] + (3.0 * first[i] - 3.0 * second[i]);
  return out;
}`,
  trima: `/** TRIMA (TA-Lib): an SMA of an SMA, carried as a triangle-weighted running sum in TA-Lib's three parts. */
function trima(source, period, start) {
  const out = column(source.length);
  const half = period >> 1;
  const odd = period % 2 === 1;
  const factor = 1.0 / (odd ? (half + 1) * (half + 1) : half * (half + 1));
  const first = start + period - 1;
  if (first >= source.length) return out;
  const middle = odd ? start + half : start + half - 1;
  let numerator = 0;
  let olderHalf = 0;
  let newerHalf = 0;
  for (let j = middle; j >= start; j--) {
    olderHalf += source[j];
    numerator += olderHalf;
  }
  for (let j = middle + 1; j <= first; j++) {
    newerHalf += source[j];
    numerator += newerHalf;
  }
  out[first] = numerator * factor;
  for (let i = first + 1; i < source.length; i++) {
    numerator -= olderHalf;
    olderHalf -= source[i - period];
    const middleValue = source[i - half];
    olderHalf += middleValue;
    if (odd) {
      numerator += newerHalf;
      newerHalf -= middleValue;
    } else {
      newerHalf -= middleValue;
      numerator += newerHalf;
    }
    newerHalf += source[i];
    numerator += source[i];
    out[i] = numerator * factor;
  }
  return out;
}`,
  kama: `/** KAMA (TA-Lib): the efficiency ratio over period bars picks a smoothing between EMA(2) and EMA(30), squared. */
function kama(source, period, start) {
  const slowest = 2.0 / (30.0 + 1.0);
  const fastestMinusSlowest = 2.0 / (2.0 + 1.0) - slowest;
  const smoothing = (change, volatility) => {
    // TA-Lib counts a volatility this close to zero as none: the ratio is then 1.
    const efficiency =
      volatility <= change || (volatility > -1e-14 && volatility < 1e-14) ? 1.0 : Math.abs(change / volatility);
    const constant = efficiency * fastestMinusSlowest + slowest;
    return constant * constant;
  };
  const out = column(source.length);
  const first = start + period;
  if (first >= source.length) return out;
  let volatility = 0;
  for (let j = start; j < first; j++) volatility += Math.abs(source[j] - source[j + 1]);
  // The first value starts from the previous bar's value.
  let value = source[first - 1];
  value = (source[first] - value) * smoothing(source[first] - source[start], volatility) + value;
  out[first] = value;
  for (let i = first + 1; i < source.length; i++) {
    const x = source[i];
    const leaving = source[i - period];
    volatility -= Math.abs(source[i - period - 1] - leaving);
    volatility += Math.abs(x - source[i - 1]);
    value = (x - value) * smoothing(x - leaving, volatility) + value;
    out[i] = value;
  }
  return out;
}`,
  t3: `/** Tillson's T3 (TA-Lib): six chained EMAs, each seeded with the mean of its first period inputs. */
function t3(source, period, volumeFactor, start) {
  const out = column(source.length);
  const first = start + 6 * (period - 1);
  if (first >= source.length) return out;
  const k = 2.0 / (period + 1.0);
  const oneMinusK = 1.0 - k;
  const v2 = volumeFactor * volumeFactor;
  const c1 = -(v2 * volumeFactor);
  const c2 = 3.0 * (v2 - c1);
  const c3 = -6.0 * v2 - 3.0 * (volumeFactor - c1);
  const c4 = 1.0 + 3.0 * volumeFactor - c1 + 3.0 * v2;
  const e = [0, 0, 0, 0, 0, 0];
  // Seeds e1..e6 in turn: each is the mean of the first period values of the level below.
  let at = start;
  for (let level = 0; level < 6; level++) {
    let sum = level === 0 ? source[at++] : e[level - 1];
    for (let n = period - 1; n > 0; n--) {
      if (level === 0) {
        sum += source[at++];
        continue;
      }
      e[0] = k * source[at++] + oneMinusK * e[0];
      for (let below = 1; below < level; below++) e[below] = k * e[below - 1] + oneMinusK * e[below];
      sum += e[level - 1];
    }
    e[level] = sum / period;
  }
  out[first] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
  for (let i = first + 1; i < source.length; i++) {
    e[0] = k * source[i] + oneMinusK * e[0];
    for (let level = 1; level < 6; level++) e[level] = k * e[level - 1] + oneMinusK * e[level];
    out[i] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
  }
  return out;
}`,
  wilderOscillator: `/**
 * Wilder-smoothed gains and losses seeded like TA-Lib (plain averages of the first period changes),
 * combined as RSI (gains in percent of all moves) or as CMO ((gains − losses) in percent of all moves).
 */
function wilderOscillator(source, period, start, balance) {
  const out = column(source.length);
  let previous = 0;
  let gain = 0;
  let loss = 0;
  for (let i = start; i < source.length; i++) {
    const bar = i - start;
    const value = source[i];
    if (bar === 0) {
      previous = value;
      continue;
    }
    const change = value - previous;
    previous = value;
    if (bar > period) {
      loss *= period - 1;
      gain *= period - 1;
      if (change < 0) loss -= change;
      else gain += change;
      loss /= period;
      gain /= period;
    } else {
      if (change < 0) loss -= change;
      else gain += change;
      if (bar < period) continue;
      loss /= period;
      gain /= period;
    }
    const total = gain + loss;
    // TA-Lib counts a total this close to zero as no movement at all.
    if (total > -1e-14 && total < 1e-14) out[i] = 0;
    else out[i] = balance === "cmo" ? 100 * ((gain - loss) / total) : 100 * (gain / total);
  }
  return out;
}`,
  linearRegression: `/**
 * A least-squares line through the last period values, fitted afresh each bar with TA-Lib's sums
 * (x counts bars back from the newest): the line's value at the newest bar, or its slope per bar.
 */
function linearRegression(source, period, output, start) {
  const out = column(source.length);
  const sumX = period * (period - 1) * 0.5;
  const sumXSquared = (period * (period - 1) * (2 * period - 1)) / 6;
  const divisor = sumX * sumX - period * sumXSquared;
  for (let t = start + period - 1; t < source.length; t++) {
    let sumXY = 0;
    let sumY = 0;
    for (let i = period - 1; i >= 0; i--) {
      const y = source[t - i];
      sumY += y;
      sumXY += i * y;
    }
    const slope = (period * sumXY - sumX * sumY) / divisor;
    out[t] = output === "slope" ? slope : (sumY - slope * sumX) / period + slope * (period - 1);
  }
  return out;
}`,
  priceOscillator: `/**
 * APO and PPO (TA-Lib): a fast and a slow moving average of one type over the same bars, fast minus
 * slow, in percent of the slow one when asked (0 where it is 0). Each average is NaN through its own
 * warm-up, so the oscillator starts with the slow one.
 */
function priceOscillator(source, type, fastPeriod, slowPeriod, percent, start) {
  const average = (period) => {
    if (type === "sma") {
      const mean = rollingMean(period);
      const out = column(source.length);
      for (let i = start; i < source.length; i++) out[i] = mean(source[i]);
      return out;
    }
    if (type === "ema") return ema(source, period, start);
    if (type === "wma") return wma(source, period, start);
    if (type === "dema") return dema(source, period, start);
    if (type === "tema") return tema(source, period, start);
    if (type === "trima") return trima(source, period, start);
    if (type === "kama") return kama(source, period, start);
    return t3(source, period, 0.7, start);
  };
  const fast = average(fastPeriod);
  const slow = average(slowPeriod);
  const out = column(source.length);
  for (let i = start; i < source.length; i++) {
    const base = slow[i];
    if (!percent) out[i] = fast[i] - base;
    else out[i] = base > -1e-14 && base < 1e-14 ? 0.0 : ((fast[i] - base) / base) * 100.0;
  }
  return out;
}`,
};

/** TA-Lib swaps the periods when the "fast" one is the longer, and so does the engine. */
function orderedPeriods(step: StepInfo): [fast: number, slow: number] {
  const fast = step.params.fastPeriod as number;
  const slow = step.params.slowPeriod as number;
  return slow < fast ? [slow, fast] : [fast, slow];
}

const MOVING_AVERAGE_HELPERS = ["column", "ema", "rollingMean", "wma", "dema", "tema", "trima", "kama", "t3"];

const priceOscillator = (percent: boolean): OpWriter => ({
  name: "priceOscillator",
  helpers: [...MOVING_AVERAGE_HELPERS, "priceOscillator"],
  code: "",
  call: ([x], step) =>
    `priceOscillator(${x}, ${jsString(String(step.params.maType))}, ${orderedPeriods(step).join(", ")}, ${percent}, ${step.step.start})`,
});

const linearRegression = (output: "value" | "slope"): OpWriter => ({
  name: "linearRegression",
  helpers: ["column", "linearRegression"],
  code: "",
  call: ([x], step) =>
    `linearRegression(${x}, ${step.params.period}, ${jsString(output)}, ${step.step.start})`,
});

/** An op whose function is the helper of the same name, taking (source, period, start). */
const average = (name: string, helpers: string[]): OpWriter => ({
  name,
  helpers: ["column", ...helpers, name],
  code: "",
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

export const JS_AVERAGE_OPS: Record<string, OpWriter> = {
  "indicators.dema": average("dema", ["ema"]),
  "indicators.tema": average("tema", ["ema"]),
  "indicators.trima": average("trima", []),
  "indicators.kama": average("kama", []),
  "indicators.t3": {
    name: "t3",
    helpers: ["column", "t3"],
    code: "",
    call: ([x], step, literal) =>
      `t3(${x}, ${step.params.period}, ${literal(step.params.volumeFactor as number)}, ${step.step.start})`,
  },
  "indicators.hma": {
    name: "hma",
    helpers: ["column", "wma"],
    code: `/** Hull moving average: WMA(2·WMA(n/2) − WMA(n), √n), with n/2 and √n rounded down. */
function hma(source, period, start) {
  const fast = wma(source, Math.floor(period / 2), start);
  const slow = wma(source, period, start);
  const raw = column(source.length);
  for (let i = start; i < source.length; i++) raw[i] = 2 * fast[i] - slow[i];
  return wma(raw, Math.floor(Math.sqrt(period)), start + period - 1);
}`,
    call: ([x], step) => `hma(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.trix": {
    name: "trix",
    helpers: ["column", "ema"],
    code: `/** TRIX (TA-Lib): the one-bar rate of change, in percent, of a triple EMA; 0 after a zero value. */
function trix(source, period, start) {
  const first = ema(source, period, start);
  const second = ema(first, period, start + period - 1);
  const third = ema(second, period, start + 2 * (period - 1));
  const out = column(source.length);
  for (let i = start + 3 * (period - 1) + 1; i < source.length; i++) {
    const previous = third[i - 1];
    out[i] = previous !== 0.0 ? (third[i] / previous - 1.0) * 100.0 : 0.0;
  }
  return out;
}`,
    call: ([x], step) => `trix(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.apo": priceOscillator(false),
  "indicators.ppo": priceOscillator(true),
  "indicators.cmo": {
    name: "wilderOscillator",
    helpers: ["column", "wilderOscillator"],
    code: "",
    call: ([x], step) => `wilderOscillator(${x}, ${step.params.period}, ${step.step.start}, "cmo")`,
  },
  "indicators.stochRsi": {
    name: "stochasticRsi",
    helpers: ["column", "rollingMean", "wilderOscillator"],
    code: `/** Stochastic RSI (TA-Lib STOCHRSI, SMA %D): the fast stochastic of RSI; %K and %D appear once %D is warm. */
function stochasticRsi(source, period, kPeriod, dPeriod, start) {
  const rsi = wilderOscillator(source, period, start, "rsi");
  const [kOut, dOut] = [column(source.length), column(source.length)];
  const smoothD = rollingMean(dPeriod);
  const rsiStart = start + period;
  const warm = kPeriod - 1 + dPeriod - 1;
  let [highestAt, highest, lowestAt, lowest] = [-1, 0, -1, 0];
  for (let i = rsiStart + kPeriod - 1; i < source.length; i++) {
    const first = i - kPeriod + 1;
    // Keep each extreme's bar and rescan only when it leaves the window; ties go to the latest bar.
    if (lowestAt < first) {
      [lowestAt, lowest] = [first, rsi[first]];
      for (let j = first + 1; j <= i; j++) if (rsi[j] <= lowest) [lowestAt, lowest] = [j, rsi[j]];
    } else if (rsi[i] <= lowest) [lowestAt, lowest] = [i, rsi[i]];
    if (highestAt < first) {
      [highestAt, highest] = [first, rsi[first]];
      for (let j = first + 1; j <= i; j++) if (rsi[j] >= highest) [highestAt, highest] = [j, rsi[j]];
    } else if (rsi[i] >= highest) [highestAt, highest] = [i, rsi[i]];
    const onePercent = (highest - lowest) / 100;
    const k = onePercent !== 0 ? (rsi[i] - lowest) / onePercent : 0;
    const d = smoothD(k);
    if (i - rsiStart >= warm) [kOut[i], dOut[i]] = [k, d];
  }
  return [kOut, dOut];
}`,
    call: ([x], step) =>
      `stochasticRsi(${x}, ${step.params.period}, ${step.params.kPeriod}, ${step.params.dPeriod}, ${step.step.start})`,
  },
  "indicators.linearReg": linearRegression("value"),
  "indicators.linearRegSlope": linearRegression("slope"),
  "math.percentRank": {
    name: "percentRank",
    helpers: ["column"],
    code: `/**
 * The share of the previous period values at or below the current one, 0 to 100 (Pine's
 * ta.percentrank); empty where the value or any value in the window is not a finite number.
 */
function percentRank(x, period, start) {
  const out = column(x.length);
  for (let i = start + period; i < x.length; i++) {
    const v = x[i];
    if (v - v !== 0) continue;
    let atOrBelow = 0;
    let gaps = 0;
    for (let j = i - period; j < i; j++) {
      const w = x[j];
      if (w - w !== 0) gaps++;
      else if (w <= v) atOrBelow++;
    }
    if (gaps === 0) out[i] = (atOrBelow / period) * 100;
  }
  return out;
}`,
    call: ([x], step) => `percentRank(${x}, ${step.params.period}, ${step.step.start})`,
  },
};
