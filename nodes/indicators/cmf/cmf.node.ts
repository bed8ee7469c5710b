import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { moneyFlowVolume } from "../ad/ad.node.ts";

export const cmf = defineNode({
  type: "indicators.cmf",
  version: 1,
  title: "Chaikin Money Flow",
  category: "indicators",
  description:
    "Chaikin Money Flow: the money flow volume of the last `period` bars (volume weighted by where the close sits in the bar's range) divided by their volume, from −1 to +1. Positive is read as buying pressure. A bar with no range adds its volume but no flow; a window without volume gives 0.",
  reference:
    "Marc Chaikin's definition as published in StockCharts ChartSchool (sum of money flow volume / sum of volume); TA-Lib has no CMF; hand-checked in the test",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "CMF" }],
  params: z.object({
    period: z.number().int().min(1).max(100_000).default(20).describe("How many bars of money flow to sum."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "cmf", params: ["period"] },
  kernel: ({ period }, { start }) => {
    /** The window's money flow volume and volume. */
    const sums = new Float64Array(2);
    return {
      run([, , high, low, close, volume], [out], from, to) {
        let i = from;
        for (; i < to && i < start; i++) out[i] = Number.NaN;
        if (i < to) moneyFlow(high, low, close, volume, out, i, to, start, period, sums);
      },
    };
  },
});

/**
 * CMF for bars [from, to) from `start` on, reading and updating `sums`.
 */
function moneyFlow(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  start: number,
  period: number,
  sums: Float64Array,
): void {
  let flowSum = sums[0];
  let volumeSum = sums[1];
  for (let i = from; i < to; i++) {
    const bar = i - start;
    flowSum += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
    volumeSum += volume[i];
    if (bar >= period) {
      const old = i - period;
      flowSum -= moneyFlowVolume(high[old], low[old], close[old], volume[old]);
      volumeSum -= volume[old];
    }
    if (bar < period - 1) out[i] = Number.NaN;
    else out[i] = volumeSum !== 0 ? flowSum / volumeSum : 0;
  }
  sums[0] = flowSum;
  sums[1] = volumeSum;
}
