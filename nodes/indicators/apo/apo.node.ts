import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { ScratchColumn } from "../ema/scratch-column";
import {
  createMovingAverage,
  type MovingAverageType,
  maTypeParam,
  movingAverageWarmup,
} from "./moving-average-type";

/** TA-Lib's TA_IS_ZERO threshold. */
const EPSILON = 1e-14;

/** TA-Lib swaps the periods when the "fast" one is the longer; so do we, so the names keep their meaning. */
export function orderedPeriods(fastPeriod: number, slowPeriod: number): [fast: number, slow: number] {
  return slowPeriod < fastPeriod ? [slowPeriod, fastPeriod] : [fastPeriod, slowPeriod];
}

/**
 * TA-Lib's price oscillator (APO, PPO): both averages run over the same bars from `start`, each
 * with its own warm-up; the output starts when the slow one has a value. As a percentage of the
 * slow average when `percent` (0 where the slow average is 0).
 */
export function createPriceOscillator(
  type: MovingAverageType,
  fastPeriod: number,
  slowPeriod: number,
  start: number,
  percent: boolean,
): KernelInstance {
  const [fastLength, slowLength] = orderedPeriods(fastPeriod, slowPeriod);
  const fast = createMovingAverage(type, fastLength, start);
  const slow = createMovingAverage(type, slowLength, start);
  const slowColumn = new ScratchColumn();
  const first = start + movingAverageWarmup(type, slowLength);
  const into: Float64Array[] = [];
  return {
    run(inputs, outputs, from, to) {
      // The fast average lands in the output, which the oscillator then replaces bar by bar
      // (no moving average reads back what it wrote).
      const out = outputs[0];
      const slowMa = slowColumn.reserve(to);
      fast.run(inputs, outputs, from, to);
      into[0] = slowMa;
      slow.run(inputs, into, from, to);
      if (percent) percentOscillator(slowMa, out, from, to, first);
      else priceOscillator(slowMa, out, from, to, first);
    },
  };
}

/**
 * fast − slow for bars [from, to), the fast average read from and replaced in `out`; NaN before
 * `first`.
 */
function priceOscillator(
  slowMa: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  first: number,
): void {
  let i = from;
  for (; i < to && i < first; i++) out[i] = Number.NaN;
  for (; i < to; i++) out[i] = out[i] - slowMa[i];
}

/** priceOscillator as a percent of slow, 0 where slow is 0. */
function percentOscillator(
  slowMa: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  first: number,
): void {
  let i = from;
  for (; i < to && i < first; i++) out[i] = Number.NaN;
  for (; i < to; i++) {
    const base = slowMa[i];
    out[i] = base > -EPSILON && base < EPSILON ? 0.0 : ((out[i] - base) / base) * 100.0;
  }
}

export const oscillatorParams = z.object({
  fastPeriod: z.number().int().min(2).max(100_000).default(12).describe("Bars in the fast moving average."),
  slowPeriod: z
    .number()
    .int()
    .min(2)
    .max(100_000)
    .default(26)
    .describe("Bars in the slow moving average. If it is shorter than the fast one, the two are swapped."),
  maType: maTypeParam,
});

export const apo = defineNode({
  type: "indicators.apo",
  version: 1,
  title: "APO",
  category: "indicators",
  description:
    "Absolute price oscillator: fast moving average minus slow moving average, in price units. " +
    "Above zero the short-term trend is stronger than the long-term one. Like MACD without the signal line.",
  reference: "TA-Lib APO",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "APO" }],
  params: oscillatorParams,
  warmup: ({ fastPeriod, slowPeriod, maType }) =>
    movingAverageWarmup(maType, orderedPeriods(fastPeriod, slowPeriod)[1]),
  formula: { name: "apo", params: ["fastPeriod", "slowPeriod"] },
  kernel: ({ fastPeriod, slowPeriod, maType }, { start }) =>
    createPriceOscillator(maType, fastPeriod, slowPeriod, start, false),
});
