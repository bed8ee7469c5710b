import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const obv = defineNode({
  type: "indicators.obv",
  version: 1,
  title: "OBV",
  category: "indicators",
  description:
    "On-Balance Volume (Granville): a running total that adds the bar's volume when the close rises and subtracts it when the close falls. Starts at the first bar's volume, as in TA-Lib; its trend is read against the price's.",
  reference: "TA-Lib OBV (on the close)",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "OBV" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "obv", params: [] },
  kernel: (_params, { start }) => {
    let total = 0;
    return {
      run([, , , , close, volume], [out], from, to) {
        let i = from;
        for (; i < to && i < start; i++) out[i] = Number.NaN;
        if (i === start && i < to) out[i] = total = volume[i++];
        total = balance(close, volume, out, i, to, total);
      },
    };
  },
});

/**
 * The running total carried along bars [from, to) after the first, each bar's written; returns
 * the last.
 */
function balance(
  close: Float64Array,
  volume: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  total: number,
): number {
  let running = total;
  for (let i = from; i < to; i++) {
    if (close[i] > close[i - 1]) running += volume[i];
    else if (close[i] < close[i - 1]) running -= volume[i];
    out[i] = running;
  }
  return running;
}
