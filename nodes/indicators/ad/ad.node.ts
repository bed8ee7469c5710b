import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

/** The bar's money flow volume: where the close sits in the range (−1 to +1) times volume; 0 on a bar with no range. */
export function moneyFlowVolume(high: number, low: number, close: number, volume: number): number {
  const range = high - low;
  return range > 0 ? ((close - low - (high - close)) / range) * volume : 0;
}

export const ad = defineNode({
  type: "indicators.ad",
  version: 1,
  title: "Accumulation/Distribution",
  category: "indicators",
  description:
    "Chaikin's Accumulation/Distribution line: a running total of each bar's volume weighted by where the close sits in the bar's range (+1 at the high, −1 at the low). Bars with no range add nothing.",
  reference: "TA-Lib AD",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "A/D" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "ad", params: [] },
  kernel: (_params, { start }) => {
    let total = 0;
    return {
      run([, , high, low, close, volume], [out], from, to) {
        let i = from;
        for (; i < to && i < start; i++) out[i] = Number.NaN;
        total = accumulate(high, low, close, volume, out, i, to, total);
      },
    };
  },
});

/**
 * The running total carried along bars [from, to), each bar's written; returns the last.
 */
function accumulate(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  total: number,
): number {
  let running = total;
  for (let i = from; i < to; i++) {
    running += moneyFlowVolume(high[i], low[i], close[i], volume[i]);
    out[i] = running;
  }
  return running;
}
