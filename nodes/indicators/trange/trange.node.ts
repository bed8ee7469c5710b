import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

/** The largest of high − low, |previous close − high| and |previous close − low|, compared in TA-Lib's order. */
export function trueRange(high: number, low: number, previousClose: number): number {
  let greatest = high - low;
  const fromHigh = Math.abs(previousClose - high);
  if (fromHigh > greatest) greatest = fromHigh;
  const fromLow = Math.abs(previousClose - low);
  if (fromLow > greatest) greatest = fromLow;
  return greatest;
}

export const trange = defineNode({
  type: "indicators.trange",
  version: 1,
  title: "True Range",
  category: "indicators",
  description:
    "True range: the bar's range stretched to include a gap from the previous close. The raw volatility that ATR averages; the first bar has no previous close and no value.",
  reference: "TA-Lib TRANGE",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "True range" }],
  params: z.object({}),
  warmup: () => 1,
  formula: { name: "trange", params: [] },
  kernel: (_params, { start }) => ({
    run([, , high, low, close], [out], from, to) {
      let i = from;
      for (; i < to && i <= start; i++) out[i] = Number.NaN;
      for (; i < to; i++) out[i] = trueRange(high[i], low[i], close[i - 1]);
    },
  }),
});
