import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/** TA-Lib's KAMA constants: the smoothing runs between an EMA(30) and an EMA(2). */
const SLOWEST = 2.0 / (30.0 + 1.0);
const FASTEST_MINUS_SLOWEST = 2.0 / (2.0 + 1.0) - SLOWEST;
/** TA-Lib's TA_IS_ZERO threshold. */
const EPSILON = 1e-14;

function smoothing(change: number, volatility: number): number {
  const efficiency =
    volatility <= change || (volatility > -EPSILON && volatility < EPSILON)
      ? 1.0
      : Math.abs(change / volatility);
  const constant = efficiency * FASTEST_MINUS_SLOWEST + SLOWEST;
  return constant * constant;
}

/**
 * Kaufman's adaptive moving average, step for step as TA-Lib computes it: the efficiency ratio
 * |x[t] − x[t−p]| / Σ|x[i] − x[i−1]| picks a smoothing between EMA(2) and EMA(30), squared.
 * The first value (bar start + period) starts from the previous bar's value.
 */
export function createKama(period: number, start: number): KernelInstance {
  const first = start + period;
  /** The KAMA and the volatility (the sum of the window's absolute changes). */
  const state = new Float64Array(2);
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < first; i++) out[i] = Number.NaN;
      if (i === first && i < to) {
        let volatility = 0;
        for (let j = start; j < first; j++) volatility += Math.abs(source[j] - source[j + 1]);
        let kama = source[i - 1];
        const change = source[i] - source[start];
        kama = (source[i] - kama) * smoothing(change, volatility) + kama;
        out[i++] = kama;
        state[0] = kama;
        state[1] = volatility;
      }
      if (i < to) adapt(source, out, i, to, period, state);
    },
  };
}

/**
 * KAMA carried along bars [from, to) after its first value, reading and updating `state`.
 */
function adapt(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  state: Float64Array,
): void {
  let kama = state[0];
  let volatility = state[1];
  for (let i = from; i < to; i++) {
    const x = source[i];
    const leaving = source[i - period];
    volatility -= Math.abs(source[i - period - 1] - leaving);
    volatility += Math.abs(x - source[i - 1]);
    kama = (x - kama) * smoothing(x - leaving, volatility) + kama;
    out[i] = kama;
  }
  state[0] = kama;
  state[1] = volatility;
}

export const kama = defineNode({
  type: "indicators.kama",
  version: 1,
  title: "KAMA",
  category: "indicators",
  description:
    "Kaufman adaptive moving average: moves fast when price trends cleanly and almost stops in choppy markets, " +
    "using the efficiency ratio over `period` bars to choose between EMA(2) and EMA(30) smoothing.",
  reference: "TA-Lib KAMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "KAMA" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(30)
      .describe("How many bars the efficiency ratio looks back."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "kama", params: ["period"] },
  kernel: ({ period }, { start }) => createKama(period, start),
});
