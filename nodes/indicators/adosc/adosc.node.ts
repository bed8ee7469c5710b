import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { moneyFlowVolume } from "../ad/ad.node.ts";

export const adosc = defineNode({
  type: "indicators.adosc",
  version: 1,
  title: "Chaikin Oscillator",
  category: "indicators",
  description:
    "Chaikin A/D Oscillator: the fast EMA minus the slow EMA of the Accumulation/Distribution line, showing whether money flow is speeding up or slowing down. Both EMAs start from the first A/D value, as in TA-Lib.",
  reference: "TA-Lib ADOSC",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "Chaikin osc." }],
  params: z.object({
    fastPeriod: z.number().int().min(2).max(100_000).default(3).describe("Bars of the fast EMA."),
    slowPeriod: z.number().int().min(2).max(100_000).default(10).describe("Bars of the slow EMA."),
  }),
  warmup: ({ fastPeriod, slowPeriod }) => Math.max(fastPeriod, slowPeriod) - 1,
  formula: { name: "adosc", params: ["fastPeriod", "slowPeriod"] },
  kernel: ({ fastPeriod, slowPeriod }, { start }) => {
    const warm = Math.max(fastPeriod, slowPeriod) - 1;
    /** The A/D line, its fast EMA and its slow EMA. */
    const state = new Float64Array(3);
    return {
      run([, , high, low, close, volume], [out], from, to) {
        let i = from;
        for (; i < to && i < start; i++) out[i] = Number.NaN;
        if (i === start && i < to) {
          let line = 0;
          line += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
          state[0] = state[1] = state[2] = line;
          // Both periods are at least 2, so the first bar is always in the warm-up.
          out[i++] = Number.NaN;
        }
        if (i < to)
          oscillate(high, low, close, volume, out, i, to, start + warm, fastPeriod, slowPeriod, state);
      },
    };
  },
});

/**
 * The oscillator for bars [from, to) after the first, NaN before `first`, reading and updating
 * `state`.
 */
function oscillate(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  first: number,
  fastPeriod: number,
  slowPeriod: number,
  state: Float64Array,
): void {
  const fastK = 2 / (fastPeriod + 1);
  const slowK = 2 / (slowPeriod + 1);
  const fastKeep = 1 - fastK;
  const slowKeep = 1 - slowK;
  let line = state[0];
  let fast = state[1];
  let slow = state[2];
  for (let i = from; i < to; i++) {
    line += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
    fast = fastK * line + fastKeep * fast;
    slow = slowK * line + slowKeep * slow;
    out[i] = i >= first ? fast - slow : Number.NaN;
  }
  state[0] = line;
  state[1] = fast;
  state[2] = slow;
}
