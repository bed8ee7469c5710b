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
    const fastK = 2 / (fastPeriod + 1);
    const slowK = 2 / (slowPeriod + 1);
    const fastKeep = 1 - fastK;
    const slowKeep = 1 - slowK;
    let line = 0;
    let fast = 0;
    let slow = 0;
    return {
      run([, , high, low, close, volume], [out], from, to) {
        for (let i = from; i < to; i++) {
          const bar = i - start;
          if (bar < 0) {
            out[i] = Number.NaN;
            continue;
          }
          line += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
          if (bar === 0) {
            fast = slow = line;
          } else {
            fast = fastK * line + fastKeep * fast;
            slow = slowK * line + slowKeep * slow;
          }
          out[i] = bar >= warm ? fast - slow : Number.NaN;
        }
      },
    };
  },
});
