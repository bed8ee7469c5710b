import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { percentK, RollingMean, TrailingExtremes } from "../stochf/window";

export const stoch = defineNode({
  type: "indicators.stoch",
  version: 1,
  title: "Stochastic",
  category: "indicators",
  description:
    "Slow stochastic: fast %K (where the close sits in the last `fastKPeriod` bars' range) smoothed by an SMA into %K, and %K smoothed again into %D. Crossings of %K and %D, and readings above 80 or below 20, are the usual signals.",
  reference: "TA-Lib STOCH (SMA smoothing)",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "k", type: "series", label: "%K" },
    { name: "d", type: "series", label: "%D" },
  ],
  params: z.object({
    fastKPeriod: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(5)
      .describe("How many bars the high-low range spans."),
    slowKPeriod: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(3)
      .describe("How many fast %K values %K averages."),
    slowDPeriod: z.number().int().min(1).max(100_000).default(3).describe("How many %K values %D averages."),
  }),
  warmup: ({ fastKPeriod, slowKPeriod, slowDPeriod }) => fastKPeriod - 1 + slowKPeriod - 1 + slowDPeriod - 1,
  kernel: ({ fastKPeriod, slowKPeriod, slowDPeriod }, { start }) => {
    const window = new TrailingExtremes();
    const slowK = new RollingMean(slowKPeriod);
    const slowD = new RollingMean(slowDPeriod);
    const warm = fastKPeriod - 1 + slowKPeriod - 1 + slowDPeriod - 1;
    return {
      run([, , high, low, close], [kOut, dOut], from, to) {
        for (let i = from; i < to; i++) {
          const bar = i - start;
          if (bar < fastKPeriod - 1) {
            kOut[i] = dOut[i] = Number.NaN;
            continue;
          }
          window.update(high, low, i - fastKPeriod + 1, i);
          const k = slowK.push(percentK(close[i], window.highest, window.lowest));
          const d = bar >= fastKPeriod - 1 + slowKPeriod - 1 ? slowD.push(k) : Number.NaN;
          if (bar < warm) kOut[i] = dOut[i] = Number.NaN;
          else {
            kOut[i] = k;
            dOut[i] = d;
          }
        }
      },
    };
  },
});
