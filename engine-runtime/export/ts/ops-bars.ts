import type { StepInfo } from "../shared/model";
import type { OpWriter } from "../shared/ops";

/**
 * The JavaScript of the indicators that read whole bars (volume flow, trend, channels, VWAP,
 * Heikin-Ashi): batch versions of their kernels in nodes/indicators, operations in the same order.
 */

/** Code two or more of these ops share; each function is emitted once however many ops use it. */
export const JS_BAR_HELPERS: Record<string, string> = {
  moneyFlowVolume: `/** The bar's money flow volume: where the close sits in the range (-1 to +1) times volume; 0 on a bar with no range. */
function moneyFlowVolume(high, low, close, volume) {
  const range = high - low;
  return range > 0 ? ((close - low - (high - close)) / range) * volume : 0;
}`,
  averageTrueRange: `/** Wilder's Average True Range (TA-Lib ATR), the width unit of Keltner Channels and SuperTrend. */
function averageTrueRange(bars, period, start) {
  const { high, low, close } = bars;
  const out = column(close.length);
  let average = 0;
  for (let i = start + 1; i < close.length; i++) {
    if (i - start <= period) {
      average += trueRangeAt(high[i], low[i], close[i - 1]);
      if (i - start === period) {
        average /= period;
        out[i] = average;
      }
    } else {
      average *= period - 1;
      average += trueRangeAt(high[i], low[i], close[i - 1]);
      average /= period;
      out[i] = average;
    }
  }
  return out;
}`,
  trailingExtremes: `/**
 * Highest high and lowest low of a trailing window, found as TA-Lib finds them: keep each
 * extreme's bar and rescan only when it leaves the window. Ties go to the latest bar (Aroon's "bars since").
 */
class TrailingExtremes {
  highestAt = -1;
  highest = 0;
  lowestAt = -1;
  lowest = 0;

  /** Moves the window to bars first..today. */
  update(high, low, first, today) {
    if (this.lowestAt < first) {
      let [at, lowest] = [first, low[first]];
      for (let i = first + 1; i <= today; i++) if (low[i] <= lowest) [at, lowest] = [i, low[i]];
      [this.lowestAt, this.lowest] = [at, lowest];
    } else if (low[today] <= this.lowest) [this.lowestAt, this.lowest] = [today, low[today]];
    if (this.highestAt < first) {
      let [at, highest] = [first, high[first]];
      for (let i = first + 1; i <= today; i++) if (high[i] >= highest) [at, highest] = [i, high[i]];
      [this.highestAt, this.highest] = [at, highest];
    } else if (high[today] >= this.highest) [this.highestAt, this.highest] = [today, high[today]];
  }
}`,
};

/** The Ultimate Oscillator's periods, shortest first: the node sorts them so the shortest weighs 4. */
export function ultimatePeriods(step: StepInfo): number[] {
  const { shortPeriod, mediumPeriod, longPeriod } = step.params as Record<string, number>;
  return [shortPeriod, mediumPeriod, longPeriod].sort((a, b) => a - b);
}

/** A bars op with integer params only: `name(bars, ...params, start)`. */
const barsCall =
  (name: string, ...params: string[]): OpWriter["call"] =>
  ([bars], step) =>
    `${name}(${[bars, ...params.map((param) => String(step.params[param])), step.step.start].join(", ")})`;

export const JS_BAR_OPS: Record<string, OpWriter> = {
  "indicators.ad": {
    name: "accumulationDistribution",
    helpers: ["column", "moneyFlowVolume"],
    code: `/** Chaikin's Accumulation/Distribution line (TA-Lib AD): the running total of money flow volume. */
function accumulationDistribution(bars, start) {
  const { high, low, close, volume } = bars;
  const out = column(close.length);
  let total = 0;
  for (let i = start; i < close.length; i++) {
    total += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
    out[i] = total;
  }
  return out;
}`,
    call: barsCall("accumulationDistribution"),
  },
  "indicators.adosc": {
    name: "chaikinOscillator",
    helpers: ["column", "moneyFlowVolume"],
    code: `/** Chaikin Oscillator (TA-Lib ADOSC): fast EMA minus slow EMA of the A/D line, both started from its first value. */
function chaikinOscillator(bars, fastPeriod, slowPeriod, start) {
  const { high, low, close, volume } = bars;
  const out = column(close.length);
  const warm = Math.max(fastPeriod, slowPeriod) - 1;
  const fastK = 2 / (fastPeriod + 1);
  const slowK = 2 / (slowPeriod + 1);
  const fastKeep = 1 - fastK;
  const slowKeep = 1 - slowK;
  let [line, fast, slow] = [0, 0, 0];
  for (let i = start; i < close.length; i++) {
    line += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
    if (i === start) {
      fast = slow = line;
    } else {
      fast = fastK * line + fastKeep * fast;
      slow = slowK * line + slowKeep * slow;
    }
    if (i - start >= warm) out[i] = fast - slow;
  }
  return out;
}`,
    call: barsCall("chaikinOscillator", "fastPeriod", "slowPeriod"),
  },
  "indicators.cmf": {
    name: "chaikinMoneyFlow",
    helpers: ["column", "moneyFlowVolume"],
    code: `/** Chaikin Money Flow: money flow volume over volume of the last period bars; 0 without volume. */
function chaikinMoneyFlow(bars, period, start) {
  const { high, low, close, volume } = bars;
  const out = column(close.length);
  let flowSum = 0;
  let volumeSum = 0;
  for (let i = start; i < close.length; i++) {
    flowSum += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
    volumeSum += volume[i];
    if (i - start >= period) {
      const old = i - period;
      flowSum -= moneyFlowVolume(high[old], low[old], close[old], volume[old]);
      volumeSum -= volume[old];
    }
    if (i - start >= period - 1) out[i] = volumeSum !== 0 ? flowSum / volumeSum : 0;
  }
  return out;
}`,
    call: barsCall("chaikinMoneyFlow", "period"),
  },
  "indicators.mfi": {
    name: "moneyFlowIndex",
    helpers: ["column"],
    code: `/** Money Flow Index (TA-Lib MFI): the rising share of typical price x volume; 0 while the flow is below 1. */
function moneyFlowIndex(bars, period, start) {
  const { high, low, close, volume } = bars;
  const out = column(close.length);
  const positive = new Float64Array(period);
  const negative = new Float64Array(period);
  let [slot, positiveSum, negativeSum, previous] = [0, 0, 0, 0];
  for (let i = start; i < close.length; i++) {
    const bar = i - start;
    const typical = (high[i] + low[i] + close[i]) / 3;
    if (bar === 0) {
      previous = typical;
      continue;
    }
    if (bar > period) {
      positiveSum -= positive[slot];
      negativeSum -= negative[slot];
    }
    const change = typical - previous;
    previous = typical;
    const flow = typical * volume[i];
    if (change < 0) {
      negative[slot] = flow;
      negativeSum += flow;
      positive[slot] = 0;
    } else if (change > 0) {
      positive[slot] = flow;
      positiveSum += flow;
      negative[slot] = 0;
    } else {
      positive[slot] = 0;
      negative[slot] = 0;
    }
    slot = slot + 1 === period ? 0 : slot + 1;
    if (bar < period) continue;
    const total = positiveSum + negativeSum;
    out[i] = total < 1 ? 0 : 100 * (positiveSum / total);
  }
  return out;
}`,
    call: barsCall("moneyFlowIndex", "period"),
  },
  "indicators.adx": {
    name: "directionalMovement",
    helpers: ["column", "trueRange"],
    code: `/**
 * Wilder's ADX, +DI and -DI (TA-Lib): the first period - 1 moves are summed, then smoothed; ADX
 * averages the first period DX values. A bar without a defined DX leaves the ADX as it was.
 */
function directionalMovement(bars, period, start) {
  const { high, low, close } = bars;
  const [adxOut, plusOut, minusOut] = [column(close.length), column(close.length), column(close.length)];
  const isZero = (value) => value > -1e-14 && value < 1e-14;
  let [plusDm, minusDm, range, sumDx, average] = [0, 0, 0, 0, 0];
  for (let i = start + 1; i < close.length; i++) {
    const bar = i - start;
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    const tr = trueRangeAt(high[i], low[i], close[i - 1]);
    if (bar < period) {
      if (down > 0 && up < down) minusDm += down;
      else if (up > 0 && up > down) plusDm += up;
      range += tr;
      continue;
    }
    minusDm -= minusDm / period;
    plusDm -= plusDm / period;
    if (down > 0 && up < down) minusDm += down;
    else if (up > 0 && up > down) plusDm += up;
    range = range - range / period + tr;
    let dx = NaN;
    if (isZero(range)) {
      plusOut[i] = minusOut[i] = 0;
    } else {
      const minusDi = 100 * (minusDm / range);
      const plusDi = 100 * (plusDm / range);
      plusOut[i] = plusDi;
      minusOut[i] = minusDi;
      const sum = minusDi + plusDi;
      if (!isZero(sum)) dx = 100 * (Math.abs(minusDi - plusDi) / sum);
    }
    if (bar < 2 * period - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
    } else if (bar === 2 * period - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
      average = sumDx / period;
      adxOut[i] = average;
    } else {
      if (!Number.isNaN(dx)) average = (average * (period - 1) + dx) / period;
      adxOut[i] = average;
    }
  }
  return [adxOut, plusOut, minusOut];
}`,
    call: barsCall("directionalMovement", "period"),
  },
  "indicators.aroon": {
    name: "aroon",
    helpers: ["column", "trailingExtremes"],
    code: `/** Aroon up and down (TA-Lib AROON): how recently the last period + 1 bars made their high and low, 100 to 0. */
function aroon(bars, period, start) {
  const { high, low } = bars;
  const [upOut, downOut] = [column(high.length), column(high.length)];
  const extremes = new TrailingExtremes();
  const factor = 100 / period;
  for (let i = start + period; i < high.length; i++) {
    extremes.update(high, low, i - period, i);
    upOut[i] = factor * (period - (i - extremes.highestAt));
    downOut[i] = factor * (period - (i - extremes.lowestAt));
  }
  return [upOut, downOut];
}`,
    call: barsCall("aroon", "period"),
  },
  "indicators.aroonOsc": {
    name: "aroonOscillator",
    helpers: ["column", "trailingExtremes"],
    code: `/** Aroon oscillator (TA-Lib AROONOSC): Aroon up minus Aroon down, -100 to +100. */
function aroonOscillator(bars, period, start) {
  const { high, low } = bars;
  const out = column(high.length);
  const extremes = new TrailingExtremes();
  const factor = 100 / period;
  for (let i = start + period; i < high.length; i++) {
    extremes.update(high, low, i - period, i);
    out[i] = factor * (extremes.highestAt - extremes.lowestAt);
  }
  return out;
}`,
    call: barsCall("aroonOscillator", "period"),
  },
  "indicators.cci": {
    name: "commodityChannelIndex",
    helpers: ["column"],
    code: `/**
 * Commodity Channel Index (TA-Lib CCI). The typical prices sit in slots (bar - start) mod period
 * and are summed slot by slot, as TA-Lib sums its circular buffer, so the rounding is the same.
 */
function commodityChannelIndex(bars, period, start) {
  const { high, low, close } = bars;
  const out = column(close.length);
  const typical = new Float64Array(period);
  for (let i = start; i < close.length; i++) {
    const bar = i - start;
    const last = (high[i] + low[i] + close[i]) / 3;
    typical[bar % period] = last;
    if (bar < period - 1) continue;
    let average = 0;
    for (let j = 0; j < period; j++) average += typical[j];
    average /= period;
    let deviation = 0;
    for (let j = 0; j < period; j++) deviation += Math.abs(typical[j] - average);
    const distance = last - average;
    out[i] = distance !== 0 && deviation !== 0 ? distance / (0.015 * (deviation / period)) : 0;
  }
  return out;
}`,
    call: barsCall("commodityChannelIndex", "period"),
  },
  "indicators.sar": {
    name: "parabolicSar",
    helpers: ["column"],
    code: `/**
 * Wilder's Parabolic SAR (TA-Lib SAR). The first trend is short if the second bar's low fell by
 * more than its high rose; that first bar is compared against itself, as in TA-Lib.
 */
function parabolicSar(bars, acceleration, maximum, start) {
  const { high, low } = bars;
  const out = column(high.length);
  const step = Math.min(acceleration, maximum);
  let [long, factor, extreme, stop] = [true, step, 0, 0];
  for (let i = start + 1; i < high.length; i++) {
    const newHigh = high[i];
    const newLow = low[i];
    let previousHigh = high[i - 1];
    let previousLow = low[i - 1];
    if (i - start === 1) {
      const fall = previousLow - newLow;
      long = !(fall > 0 && newHigh - previousHigh < fall);
      factor = step;
      extreme = long ? newHigh : newLow;
      stop = long ? previousLow : previousHigh;
      previousHigh = newHigh;
      previousLow = newLow;
    }
    if (long) {
      if (newLow <= stop) {
        long = false;
        stop = extreme;
        if (stop < previousHigh) stop = previousHigh;
        if (stop < newHigh) stop = newHigh;
        out[i] = stop;
        factor = step;
        extreme = newLow;
        stop = stop + factor * (extreme - stop);
        if (stop < previousHigh) stop = previousHigh;
        if (stop < newHigh) stop = newHigh;
      } else {
        out[i] = stop;
        if (newHigh > extreme) {
          extreme = newHigh;
          factor += step;
          if (factor > maximum) factor = maximum;
        }
        stop = stop + factor * (extreme - stop);
        if (stop > previousLow) stop = previousLow;
        if (stop > newLow) stop = newLow;
      }
    } else if (newHigh >= stop) {
      long = true;
      stop = extreme;
      if (stop > previousLow) stop = previousLow;
      if (stop > newLow) stop = newLow;
      out[i] = stop;
      factor = step;
      extreme = newHigh;
      stop = stop + factor * (extreme - stop);
      if (stop > previousLow) stop = previousLow;
      if (stop > newLow) stop = newLow;
    } else {
      out[i] = stop;
      if (newLow < extreme) {
        extreme = newLow;
        factor += step;
        if (factor > maximum) factor = maximum;
      }
      stop = stop + factor * (extreme - stop);
      if (stop < previousHigh) stop = previousHigh;
      if (stop < newHigh) stop = newHigh;
    }
  }
  return out;
}`,
    call: ([bars], step, literal) =>
      `parabolicSar(${bars}, ${literal(step.params.acceleration as number)}, ${literal(step.params.maximum as number)}, ${step.step.start})`,
  },
  "indicators.stochf": {
    name: "fastStochastic",
    helpers: ["column", "rollingMean", "trailingExtremes"],
    code: `/** Fast stochastic (TA-Lib STOCHF, SMA %D); both appear once %D is warm; %K is 0 on a flat window. */
function fastStochastic(bars, kPeriod, dPeriod, start) {
  const { high, low, close } = bars;
  const [kOut, dOut] = [column(close.length), column(close.length)];
  const extremes = new TrailingExtremes();
  const smoothD = rollingMean(dPeriod);
  const warm = kPeriod - 1 + dPeriod - 1;
  for (let i = start + kPeriod - 1; i < close.length; i++) {
    extremes.update(high, low, i - kPeriod + 1, i);
    const onePercent = (extremes.highest - extremes.lowest) / 100;
    const k = onePercent !== 0 ? (close[i] - extremes.lowest) / onePercent : 0;
    const d = smoothD(k);
    if (i - start >= warm) [kOut[i], dOut[i]] = [k, d];
  }
  return [kOut, dOut];
}`,
    call: barsCall("fastStochastic", "kPeriod", "dPeriod"),
  },
  "indicators.ultosc": {
    name: "ultimateOscillator",
    helpers: ["column", "trueRange"],
    code: `/**
 * Ultimate Oscillator (TA-Lib ULTOSC): buying pressure over true range in three windows
 * (shortest first), weighted 4 : 2 : 1. Each window is primed over its own last period - 1 bars.
 */
function ultimateOscillator(bars, p1, p2, p3, start) {
  const { high, low, close } = bars;
  const out = column(close.length);
  const isZero = (value) => value > -1e-14 && value < 1e-14;
  const pressureAt = (t) => close[t] - Math.min(low[t], close[t - 1]);
  const rangeAt = (t) => trueRangeAt(high[t], low[t], close[t - 1]);
  let [pressure1, pressure2, pressure3, range1, range2, range3] = [0, 0, 0, 0, 0, 0];
  for (let i = start + 1; i < close.length; i++) {
    const bar = i - start;
    const pressure = pressureAt(i);
    const range = rangeAt(i);
    if (bar < p3) {
      if (bar > p3 - p1) {
        pressure1 += pressure;
        range1 += range;
      }
      if (bar > p3 - p2) {
        pressure2 += pressure;
        range2 += range;
      }
      pressure3 += pressure;
      range3 += range;
      continue;
    }
    pressure1 += pressure;
    pressure2 += pressure;
    pressure3 += pressure;
    range1 += range;
    range2 += range;
    range3 += range;
    let sum = 0;
    if (!isZero(range1)) sum += 4 * (pressure1 / range1);
    if (!isZero(range2)) sum += 2 * (pressure2 / range2);
    if (!isZero(range3)) sum += pressure3 / range3;
    out[i] = 100 * (sum / 7);
    let t = i - p1 + 1;
    pressure1 -= pressureAt(t);
    range1 -= rangeAt(t);
    t = i - p2 + 1;
    pressure2 -= pressureAt(t);
    range2 -= rangeAt(t);
    t = i - p3 + 1;
    pressure3 -= pressureAt(t);
    range3 -= rangeAt(t);
  }
  return out;
}`,
    call: ([bars], step) =>
      `ultimateOscillator(${bars}, ${ultimatePeriods(step).join(", ")}, ${step.step.start})`,
  },
  "indicators.keltner": {
    name: "keltnerChannels",
    helpers: ["column", "ema", "trueRange", "averageTrueRange"],
    code: `/** Keltner Channels: an EMA of the close, bands multiplier x ATR away; the middle waits for the ATR. */
function keltnerChannels(bars, period, atrPeriod, multiplier, start) {
  const middle = ema(bars.close, period, start);
  const width = averageTrueRange(bars, atrPeriod, start);
  const [upper, lower] = [column(middle.length), column(middle.length)];
  for (let i = 0; i < middle.length; i++) {
    const band = multiplier * width[i];
    upper[i] = middle[i] + band;
    lower[i] = middle[i] - band;
    if (Number.isNaN(upper[i])) middle[i] = NaN;
  }
  return [upper, middle, lower];
}`,
    call: ([bars], step, literal) =>
      `keltnerChannels(${bars}, ${step.params.period}, ${step.params.atrPeriod}, ${literal(step.params.multiplier as number)}, ${step.step.start})`,
  },
  "indicators.superTrend": {
    name: "superTrend",
    helpers: ["column", "trueRange", "averageTrueRange"],
    code: `/**
 * SuperTrend (TradingView's rules over TA-Lib's ATR): the lower band only rises and the upper only
 * falls until the close crosses them; direction +1 up, -1 down, the first bar counting as down.
 */
function superTrend(bars, atrPeriod, multiplier, start) {
  const { high, low, close } = bars;
  const value = averageTrueRange(bars, atrPeriod, start);
  const direction = column(close.length);
  let [upper, lower, up, started] = [0, 0, false, false];
  for (let i = start; i < close.length; i++) {
    const range = value[i];
    if (Number.isNaN(range)) continue;
    const middle = (high[i] + low[i]) / 2;
    const basicUpper = middle + multiplier * range;
    const basicLower = middle - multiplier * range;
    if (!started) {
      started = true;
      upper = basicUpper;
      lower = basicLower;
      up = false;
    } else {
      const previousClose = close[i - 1];
      if (basicLower > lower || previousClose < lower) lower = basicLower;
      if (basicUpper < upper || previousClose > upper) upper = basicUpper;
      up = up ? !(close[i] < lower) : close[i] > upper;
    }
    value[i] = up ? lower : upper;
    direction[i] = up ? 1 : -1;
  }
  return [value, direction];
}`,
    call: ([bars], step, literal) =>
      `superTrend(${bars}, ${step.params.atrPeriod}, ${literal(step.params.multiplier as number)}, ${step.step.start})`,
  },
  "indicators.ichimoku": {
    name: "ichimoku",
    helpers: ["column"],
    code: `/**
 * Ichimoku Cloud: tenkan, kijun and senkou B are midpoints of the highest high and lowest low of
 * their periods; the senkou spans at a bar are those computed displacement bars earlier (no
 * look-ahead); chikou is the close. All five start together once the spans have values.
 */
function ichimoku(bars, tenkanPeriod, kijunPeriod, senkouBPeriod, displacement, start) {
  const { high, low, close } = bars;
  const n = close.length;
  // The channel's extremes are kept by bar and rescanned only when one leaves the window (TA-Lib MAX/MIN).
  const midpoints = (period) => {
    const out = column(n);
    let [highestAt, highest, lowestAt, lowest] = [-1, NaN, -1, NaN];
    for (let i = start + period - 1; i < n; i++) {
      const oldest = i - period + 1;
      if (highestAt < oldest) {
        [highestAt, highest] = [oldest, high[oldest]];
        for (let j = oldest + 1; j <= i; j++) if (high[j] > highest) [highestAt, highest] = [j, high[j]];
      } else if (high[i] >= highest) [highestAt, highest] = [i, high[i]];
      if (lowestAt < oldest) {
        [lowestAt, lowest] = [oldest, low[oldest]];
        for (let j = oldest + 1; j <= i; j++) if (low[j] < lowest) [lowestAt, lowest] = [j, low[j]];
      } else if (low[i] <= lowest) [lowestAt, lowest] = [i, low[i]];
      out[i] = (highest + lowest) / 2;
    }
    return out;
  };
  const [tenkan, kijun, spanB] = [midpoints(tenkanPeriod), midpoints(kijunPeriod), midpoints(senkouBPeriod)];
  const outputs = [column(n), column(n), column(n), column(n), column(n)];
  const [tenkanOut, kijunOut, senkouAOut, senkouBOut, chikouOut] = outputs;
  for (let i = start + Math.max(tenkanPeriod, kijunPeriod, senkouBPeriod) - 1 + displacement; i < n; i++) {
    const drawnFrom = i - displacement;
    tenkanOut[i] = tenkan[i];
    kijunOut[i] = kijun[i];
    senkouAOut[i] = (tenkan[drawnFrom] + kijun[drawnFrom]) / 2;
    senkouBOut[i] = spanB[drawnFrom];
    chikouOut[i] = close[i];
  }
  return outputs;
}`,
    call: barsCall("ichimoku", "tenkanPeriod", "kijunPeriod", "senkouBPeriod", "displacement"),
  },
  "indicators.vwap": {
    name: "sessionVwap",
    helpers: ["column"],
    code: `/**
 * Session VWAP: sum of typical price x volume over sum of volume since the last UTC midnight (bars' time,
 * epoch ms); the plain mean of the session's typical prices while it has had no volume.
 */
function sessionVwap(bars, start) {
  const { time, high, low, close, volume } = bars;
  const out = column(close.length);
  let session = NaN;
  let [priceVolume, volumeTotal, typicalTotal, barsInSession] = [0, 0, 0, 0];
  for (let i = start; i < close.length; i++) {
    const day = Math.floor(time[i] / DAY_MS);
    if (day !== session) {
      session = day;
      [priceVolume, volumeTotal, typicalTotal, barsInSession] = [0, 0, 0, 0];
    }
    const typical = (high[i] + low[i] + close[i]) / 3;
    priceVolume += typical * volume[i];
    volumeTotal += volume[i];
    typicalTotal += typical;
    barsInSession++;
    out[i] = volumeTotal > 0 ? priceVolume / volumeTotal : typicalTotal / barsInSession;
  }
  return out;
}`,
    call: barsCall("sessionVwap"),
  },
  "indicators.heikinAshi": {
    name: "heikinAshi",
    helpers: ["column"],
    code: `/**
 * Heikin-Ashi candles: close = mean of the bar's OHLC, open = midpoint of the previous HA open and
 * close (the first bar's: of its open and close), high and low stretched to the HA open and close.
 */
function heikinAshi(bars, start) {
  const { open, high, low, close } = bars;
  const n = close.length;
  const outputs = [column(n), column(n), column(n), column(n)];
  const [haOpen, haHigh, haLow, haClose] = outputs;
  let [previousOpen, previousClose] = [NaN, NaN];
  for (let i = start; i < n; i++) {
    const o = i === start ? (open[i] + close[i]) / 2 : (previousOpen + previousClose) / 2;
    const c = (open[i] + high[i] + low[i] + close[i]) / 4;
    haOpen[i] = o;
    haClose[i] = c;
    haHigh[i] = Math.max(high[i], o, c);
    haLow[i] = Math.min(low[i], o, c);
    previousOpen = o;
    previousClose = c;
  }
  return outputs;
}`,
    call: barsCall("heikinAshi"),
  },
};
