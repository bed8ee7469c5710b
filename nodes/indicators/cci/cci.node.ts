import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const cci = defineNode({
  type: "indicators.cci",
  version: 1,
  title: "CCI",
  category: "indicators",
  description:
    "Commodity Channel Index (Lambert): how far the typical price (high + low + close) / 3 is from its `period` average, in units of 1.5 % of the mean absolute deviation. Beyond ±100 is read as a strong move; 0 when there is no deviation.",
  reference: "TA-Lib CCI",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "CCI" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars the average and deviation span."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "cci", params: ["period"] },
  kernel: ({ period }, { start }) => {
    // TA-Lib sums its circular buffer slot by slot rather than oldest first; keeping the same
    // slots (bar − start) mod period keeps the rounding identical.
    const typical = new Float64Array(period);
    return {
      run([, , high, low, close], [out], from, to) {
        commodityChannelIndex(high, low, close, out, from, to, start, typical);
      },
    };
  },
});

/**
 * CCI for bars [from, to), keeping the last typical prices in `typical`.
 */
function commodityChannelIndex(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  start: number,
  typical: Float64Array,
): void {
  const period = typical.length;
  for (let i = from; i < to; i++) {
    const bar = i - start;
    if (bar < 0) {
      out[i] = Number.NaN;
      continue;
    }
    const last = (high[i] + low[i] + close[i]) / 3;
    typical[bar % period] = last;
    if (bar < period - 1) {
      out[i] = Number.NaN;
      continue;
    }
    let average = 0;
    for (let j = 0; j < period; j++) average += typical[j];
    average /= period;
    let deviation = 0;
    for (let j = 0; j < period; j++) deviation += Math.abs(typical[j] - average);
    const distance = last - average;
    out[i] = distance !== 0 && deviation !== 0 ? distance / (0.015 * (deviation / period)) : 0;
  }
}
