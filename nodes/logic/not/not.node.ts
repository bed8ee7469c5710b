import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE, skipWarmUp } from "../ports";

export const not = defineNode({
  type: "logic.not",
  version: 1,
  title: "Not",
  category: "logic",
  description: `Flips true and false: true where the input is false. ${NAN_NOTE}`,
  inputs: [{ name: "a", type: "bool", label: "A" }],
  outputs: [{ name: "result", type: "bool", label: "Result" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "not", params: [] },
  kernel: (_params, { start }) => ({
    run([a], [out], from, to) {
      const first = skipWarmUp(out, from, to, start);
      if (negate(a, out, first, to) !== 0) recompute(a, out, first, to);
    },
  }),
});

/** Writes whether A is not true on each bar of [from, to); returns the sum of the NaN gaps (see skipWarmUp). */
function negate(a: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const gap = x * 0;
    gaps += gap;
    out[i] = +(x !== 1) + gap;
  }
  return gaps;
}

/** The plain loop, for a range where the input is NaN or infinite. */
function recompute(a: Float64Array, out: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const x = a[i];
    out[i] = Number.isNaN(x) ? Number.NaN : +(x !== 1);
  }
}
