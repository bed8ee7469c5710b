import type { OpWriter } from "../shared/ops";

/** The JavaScript of more indicators: batch versions of their kernels, operations in the same order. */
const difference = (name: string, doc: string, expression: string): OpWriter => ({
  name,
  helpers: ["column"],
  code: `/** ${doc} */
function ${name}(source, period, start) {
  const out = column(source.length);
  for (let i = start + period; i < source.length; i++) {
    const then = source[i - period];
    out[i] = ${expression};
  }
  return out;
}`,
  call: ([x], step) => `${name}(${x}, ${step.params.period}, ${step.step.start})`,
});

export const JS_INDICATOR_OPS: Record<string, OpWriter> = {
  "indicators.wma": {
    name: "wma",
    helpers: ["column"],
    code: `/** Weighted moving average with TA-Lib's running sums: weights 1..period, newest heaviest. */
function wma(source, period, start) {
  const out = column(source.length);
  const divider = (period * (period + 1)) / 2;
  const first = start + period - 1;
  let weightedSum = 0;
  let plainSum = 0;
  let leaving = 0;
  for (let j = start, weight = 1; j < first && j < source.length; j++, weight++) {
    plainSum += source[j];
    weightedSum += source[j] * weight;
  }
  for (let i = first; i < source.length; i++) {
    const x = source[i];
    plainSum += x;
    plainSum -= leaving;
    weightedSum += x * period;
    leaving = source[i - period + 1];
    out[i] = weightedSum / divider;
    weightedSum -= plainSum;
  }
  return out;
}`,
    call: ([x], step) => `wma(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.rma": {
    name: "rma",
    helpers: ["column"],
    code: `/** Wilder's moving average, seeded with the SMA of its first period values. */
function rma(source, period, start) {
  const out = column(source.length);
  const seedAt = start + period - 1;
  if (seedAt >= source.length) return out;
  let seedSum = 0;
  for (let i = start; i < seedAt; i++) seedSum += source[i];
  let value = (seedSum + source[seedAt]) / period;
  out[seedAt] = value;
  for (let i = seedAt + 1; i < source.length; i++) {
    value *= period - 1;
    value += source[i];
    value /= period;
    out[i] = value;
  }
  return out;
}`,
    call: ([x], step) => `rma(${x}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.roc": difference(
    "rateOfChange",
    "Rate of change in percent over period bars (TA-Lib ROC); 0 where the old value is 0.",
    "then !== 0 ? (source[i] / then - 1) * 100 : 0",
  ),
  "indicators.mom": difference("momentum", "The value now minus period bars ago.", "source[i] - then"),
  "indicators.stdDev": {
    name: "standardDeviation",
    helpers: ["column"],
    code: `/** Population standard deviation times deviations, with TA-Lib's running sums. */
function standardDeviation(source, period, deviations, start) {
  const out = column(source.length);
  const first = start + period - 1;
  let sum = 0;
  let sumOfSquares = 0;
  for (let i = start; i < first && i < source.length; i++) {
    sum += source[i];
    sumOfSquares += source[i] * source[i];
  }
  for (let i = first; i < source.length; i++) {
    const x = source[i];
    sum += x;
    sumOfSquares += x * x;
    const mean = sum / period;
    const meanOfSquares = sumOfSquares / period;
    const leaving = source[i - period + 1];
    sum -= leaving;
    sumOfSquares -= leaving * leaving;
    const variance = meanOfSquares - mean * mean;
    out[i] = variance < 1e-14 ? 0.0 : Math.sqrt(variance) * deviations;
  }
  return out;
}`,
    call: ([x], step, literal) =>
      `standardDeviation(${x}, ${step.params.period}, ${literal(step.params.deviations as number)}, ${step.step.start})`,
  },
  "indicators.obv": {
    name: "onBalanceVolume",
    helpers: ["column"],
    code: `/** On-balance volume: the running total of volume, added on up closes and taken away on down closes. */
function onBalanceVolume(bars, start) {
  const { close, volume } = bars;
  const out = column(close.length);
  let total = 0;
  for (let i = start; i < close.length; i++) {
    if (i === start) total = volume[i];
    else if (close[i] > close[i - 1]) total += volume[i];
    else if (close[i] < close[i - 1]) total -= volume[i];
    out[i] = total;
  }
  return out;
}`,
    call: ([bars], step) => `onBalanceVolume(${bars}, ${step.step.start})`,
  },
  "indicators.natr": {
    name: "normalizedAtr",
    helpers: ["column", "trueRange"],
    code: `/** ATR in percent of the close (TA-Lib NATR); 0 where the close is 0. */
function normalizedAtr(bars, period, start) {
  const { high, low, close } = bars;
  const out = column(close.length);
  let average = 0;
  for (let i = start + 1; i < close.length; i++) {
    if (i - start <= period) {
      average += trueRangeAt(high[i], low[i], close[i - 1]);
      if (i - start < period) continue;
      average /= period;
    } else {
      average *= period - 1;
      average += trueRangeAt(high[i], low[i], close[i - 1]);
      average /= period;
    }
    const price = close[i];
    out[i] = price > -1e-14 && price < 1e-14 ? 0 : (average / price) * 100;
  }
  return out;
}`,
    call: ([bars], step) => `normalizedAtr(${bars}, ${step.params.period}, ${step.step.start})`,
  },
  "indicators.willr": {
    name: "williamsR",
    helpers: ["column"],
    code: `/** Williams %R over period bars: 0 at the highest high, -100 at the lowest low; 0 on a flat window. */
function williamsR(bars, period, start) {
  const { high, low, close } = bars;
  const out = column(close.length);
  for (let i = start + period - 1; i < close.length; i++) {
    let [highest, lowest] = [high[i], low[i]];
    for (let j = i - period + 1; j < i; j++) {
      if (high[j] > highest) highest = high[j];
      if (low[j] < lowest) lowest = low[j];
    }
    const minusOnePercent = (highest - lowest) / -100;
    out[i] = minusOnePercent !== 0 ? (highest - close[i]) / minusOnePercent : 0;
  }
  return out;
}`,
    call: ([bars], step) => `williamsR(${bars}, ${step.params.period}, ${step.step.start})`,
  },
};
