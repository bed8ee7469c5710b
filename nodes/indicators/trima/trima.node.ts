import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/**
 * TRIMA as TA-Lib computes it: an SMA of an SMA, carried as a triangle-weighted running sum.
 * Odd period p: weights 1, 2, …, (p+1)/2, …, 2, 1; even p: 1, 2, …, p/2, p/2, …, 2, 1.
 * The three running sums and their update order are TA-Lib's, so rounding agrees.
 */
export function createTrima(period: number, start: number): KernelInstance {
  const half = period >> 1;
  const odd = period % 2 === 1;
  const factor = 1.0 / (odd ? (half + 1) * (half + 1) : half * (half + 1));
  const first = start + period - 1;
  /** The numerator, the older half's sum and the newer half's sum. */
  const sums = new Float64Array(3);
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < first; i++) out[i] = Number.NaN;
      if (i === first && i < to) {
        const middle = odd ? start + half : start + half - 1;
        let numerator = 0;
        let olderHalf = 0;
        let newerHalf = 0;
        for (let j = middle; j >= start; j--) {
          olderHalf += source[j];
          numerator += olderHalf;
        }
        for (let j = middle + 1; j <= first; j++) {
          newerHalf += source[j];
          numerator += newerHalf;
        }
        out[i++] = numerator * factor;
        sums[0] = numerator;
        sums[1] = olderHalf;
        sums[2] = newerHalf;
      }
      if (i < to) slide(source, out, i, to, period, factor, sums);
    },
  };
}

/**
 * The three sums moved along bars [from, to) after the first value, each bar's TRIMA written,
 * reading and updating `sums`.
 */
function slide(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  factor: number,
  sums: Float64Array,
): void {
  const half = period >> 1;
  const odd = period % 2 === 1;
  let numerator = sums[0];
  let olderHalf = sums[1];
  let newerHalf = sums[2];
  for (let i = from; i < to; i++) {
    numerator -= olderHalf;
    olderHalf -= source[i - period];
    const middleValue = source[i - half];
    olderHalf += middleValue;
    if (odd) {
      numerator += newerHalf;
      newerHalf -= middleValue;
    } else {
      newerHalf -= middleValue;
      numerator += newerHalf;
    }
    newerHalf += source[i];
    numerator += source[i];
    out[i] = numerator * factor;
  }
  sums[0] = numerator;
  sums[1] = olderHalf;
  sums[2] = newerHalf;
}

export const trima = defineNode({
  type: "indicators.trima",
  version: 1,
  title: "TRIMA",
  category: "indicators",
  description:
    "Triangular moving average: an SMA of an SMA, so the middle of the window weighs most and both ends least. " +
    "Very smooth, with more lag than an SMA.",
  reference: "TA-Lib TRIMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "TRIMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(30).describe("How many bars the average spans."),
  }),
  warmup: ({ period }) => period - 1,
  formula: { name: "trima", params: ["period"] },
  kernel: ({ period }, { start }) => createTrima(period, start),
});
