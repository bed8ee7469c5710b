import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import {
  createMovingAverage,
  type MovingAverageType,
  maTypeParam,
  movingAverageWarmup,
} from "../apo/moving-average-type";
import { ScratchColumn } from "../ema/scratch-column";
import { createStdDev } from "../stdDev/stdDev.node.ts";

/** TA-Lib's TA_IS_ZERO_OR_NEG threshold: a variance below it reads as 0. */
const EPSILON = 1e-14;

/**
 * Bollinger Bands over an SMA, fused into one pass with TA-Lib's sums: the SMA, then the variance
 * as mean(x²) − SMA², exactly as TA-Lib's BBANDS reuses its SMA for the deviation.
 */
function createSmaBands(period: number, up: number, down: number, start: number): KernelInstance {
  const first = start + period - 1;
  /** The window's sum and sum of squares. */
  const sums = new Float64Array(2);
  return {
    run([source], [upper, middle, lower], from, to) {
      let i = from;
      for (; i < to && i < first; i++) {
        if (i >= start) {
          sums[0] += source[i];
          sums[1] += source[i] * source[i];
        }
        upper[i] = Number.NaN;
        middle[i] = Number.NaN;
        lower[i] = Number.NaN;
      }
      if (i < to) slideBands(source, upper, middle, lower, i, to, period, up, down, sums);
    },
  };
}

/**
 * The sums moved along bars [from, to) of full windows, each bar's bands written; reads and updates
 * `sums`.
 */
function slideBands(
  source: Float64Array,
  upper: Float64Array,
  middle: Float64Array,
  lower: Float64Array,
  from: number,
  to: number,
  n: number,
  widthUp: number,
  widthDown: number,
  sums: Float64Array,
): void {
  // Locals stay in registers; the sums are written back once per call.
  let sum = sums[0];
  let sumOfSquares = sums[1];
  for (let i = from; i < to; i++) {
    const x = source[i];
    const leaving = source[i - n + 1];
    sum += x;
    const mean = sum / n;
    sum -= leaving;
    sumOfSquares += x * x;
    let variance = sumOfSquares / n;
    sumOfSquares -= leaving * leaving;
    variance -= mean * mean;
    const deviation = variance < EPSILON ? 0.0 : Math.sqrt(variance);
    middle[i] = mean;
    upper[i] = mean + deviation * widthUp;
    lower[i] = mean - deviation * widthDown;
  }
  sums[0] = sum;
  sums[1] = sumOfSquares;
}

/**
 * Bollinger Bands around another moving average: like TA-Lib, the deviation is still measured
 * around the plain mean of the window, with its sums started where the average has its first value.
 */
function createBands(
  type: MovingAverageType,
  period: number,
  up: number,
  down: number,
  start: number,
): KernelInstance {
  const warmup = movingAverageWarmup(type, period);
  const average = createMovingAverage(type, period, start);
  const spread = createStdDev(period, 1, start + warmup - (period - 1));
  const first = start + warmup;
  const averageColumn = new ScratchColumn();
  const spreadColumn = new ScratchColumn();
  const into: Float64Array[] = [];
  return {
    run(inputs, [upper, middle, lower], from, to) {
      const mean = averageColumn.reserve(to);
      const deviation = spreadColumn.reserve(to);
      into[0] = mean;
      average.run(inputs, into, from, to);
      into[0] = deviation;
      spread.run(inputs, into, from, to);
      for (let i = from; i < to; i++) {
        if (i < first) {
          upper[i] = Number.NaN;
          middle[i] = Number.NaN;
          lower[i] = Number.NaN;
          continue;
        }
        middle[i] = mean[i];
        upper[i] = mean[i] + deviation[i] * up;
        lower[i] = mean[i] - deviation[i] * down;
      }
    },
  };
}

export const bbands = defineNode({
  type: "indicators.bbands",
  version: 1,
  title: "Bollinger Bands",
  category: "indicators",
  description:
    "Bollinger Bands: a moving average (middle) with bands a number of standard deviations above and below. " +
    "Bands widen when volatility rises; touches of a band mark stretched prices. Defaults are Bollinger's own " +
    "20 bars and 2 deviations (TA-Lib's defaults are 5 and 2); the deviation is the population one, as in TA-Lib.",
  reference: "TA-Lib BBANDS",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [
    { name: "upper", type: "series", label: "Upper" },
    { name: "middle", type: "series", label: "Middle" },
    { name: "lower", type: "series", label: "Lower" },
  ],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(20)
      .describe("How many bars the average and the deviation span."),
    deviationsUp: z
      .number()
      .min(-1000)
      .max(1000)
      .default(2)
      .describe("How many standard deviations the upper band sits above the middle."),
    deviationsDown: z
      .number()
      .min(-1000)
      .max(1000)
      .default(2)
      .describe("How many standard deviations the lower band sits below the middle."),
    maType: maTypeParam,
  }),
  warmup: ({ period, maType }) => movingAverageWarmup(maType, period),
  kernel: ({ period, deviationsUp, deviationsDown, maType }, { start }) =>
    maType === "sma"
      ? createSmaBands(period, deviationsUp, deviationsDown, start)
      : createBands(maType, period, deviationsUp, deviationsDown, start),
});
