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
        for (let i = from; i < to; i++) {
          if (i < start) {
            out[i] = Number.NaN;
            continue;
          }
          if (i === start) total = volume[i];
          else if (close[i] > close[i - 1]) total += volume[i];
          else if (close[i] < close[i - 1]) total -= volume[i];
          out[i] = total;
        }
      },
    };
  },
});
