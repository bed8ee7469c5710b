import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { TrailingExtremes } from "../stochf/window";

export const aroonOsc = defineNode({
  type: "indicators.aroonOsc",
  version: 1,
  title: "Aroon Oscillator",
  category: "indicators",
  description:
    "Aroon oscillator: Aroon up minus Aroon down, from −100 to +100. Positive when the latest high of the last `period` + 1 bars is more recent than the latest low.",
  reference: "TA-Lib AROONOSC",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "Aroon osc." }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars back to look for the extremes."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "aroonosc", params: ["period"] },
  kernel: ({ period }, { start }) => {
    const window = new TrailingExtremes();
    const first = start + period;
    return {
      run([, , high, low], [out], from, to) {
        let i = from;
        for (; i < to && i < first; i++) out[i] = Number.NaN;
        aroonOscillator(high, low, out, i, to, period, window);
      },
    };
  },
});

/**
 * The oscillator for bars [from, to), each with a full window of period + 1 bars.
 */
function aroonOscillator(
  high: Float64Array,
  low: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  window: TrailingExtremes,
): void {
  const factor = 100 / period;
  for (let i = from; i < to; i++) {
    window.update(high, low, i - period, i);
    out[i] = factor * (window.highestAt - window.lowestAt);
  }
}
