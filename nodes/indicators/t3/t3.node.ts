import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/**
 * Tillson's T3 as TA-Lib computes it: six chained EMAs, each seeded with the mean of its first
 * `period` inputs, combined as c1·e6 + c2·e5 + c3·e4 + c4·e3 from the volume factor v.
 */
export function createT3(period: number, volumeFactor: number, start: number): KernelInstance {
  const k = 2.0 / (period + 1.0);
  const oneMinusK = 1.0 - k;
  const first = start + 6 * (period - 1);
  const v2 = volumeFactor * volumeFactor;
  const c1 = -(v2 * volumeFactor);
  const c2 = 3.0 * (v2 - c1);
  const c3 = -6.0 * v2 - 3.0 * (volumeFactor - c1);
  const c4 = 1.0 + 3.0 * volumeFactor - c1 + 3.0 * v2;
  const e = new Float64Array(6);
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < first; i++) out[i] = Number.NaN;
      if (i === first && i < to) {
        // Seeds e1..e6 in turn: each is the mean of the first `period` values of the level below.
        let at = start;
        for (let level = 0; level < 6; level++) {
          let sum = level === 0 ? source[at++] : e[level - 1];
          for (let n = period - 1; n > 0; n--) {
            if (level === 0) {
              sum += source[at++];
              continue;
            }
            e[0] = k * source[at++] + oneMinusK * e[0];
            for (let below = 1; below < level; below++) e[below] = k * e[below - 1] + oneMinusK * e[below];
            sum += e[level - 1];
          }
          e[level] = sum / period;
        }
        out[i++] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2];
      }
      if (i < to) tillson(source, out, i, to, k, c1, c2, c3, c4, e);
    },
  };
}

/**
 * The six EMAs carried along bars [from, to) after the first value, each bar's T3 written,
 * reading and updating `e`.
 */
function tillson(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  k: number,
  c1: number,
  c2: number,
  c3: number,
  c4: number,
  e: Float64Array,
): void {
  const oneMinusK = 1.0 - k;
  let e1 = e[0];
  let e2 = e[1];
  let e3 = e[2];
  let e4 = e[3];
  let e5 = e[4];
  let e6 = e[5];
  for (let i = from; i < to; i++) {
    e1 = k * source[i] + oneMinusK * e1;
    e2 = k * e1 + oneMinusK * e2;
    e3 = k * e2 + oneMinusK * e3;
    e4 = k * e3 + oneMinusK * e4;
    e5 = k * e4 + oneMinusK * e5;
    e6 = k * e5 + oneMinusK * e6;
    out[i] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  }
  e[0] = e1;
  e[1] = e2;
  e[2] = e3;
  e[3] = e4;
  e[4] = e5;
  e[5] = e6;
}

export const t3 = defineNode({
  type: "indicators.t3",
  version: 1,
  title: "T3",
  category: "indicators",
  description:
    "Tillson T3: a smooth, low-lag moving average built from six chained EMAs. " +
    "The volume factor trades smoothness (0) for responsiveness (1); Tillson's choice is 0.7.",
  reference: "TA-Lib T3",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "T3" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(5).describe("The period of each of the six EMAs."),
    volumeFactor: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe(
        "How much of the extra EMA correction to apply: 0 is smoothest, 1 follows price most closely.",
      ),
  }),
  warmup: ({ period }) => 6 * (period - 1),
  formula: { name: "t3", params: ["period", "volumeFactor"] },
  kernel: ({ period, volumeFactor }, { start }) => createT3(period, volumeFactor, start),
});
