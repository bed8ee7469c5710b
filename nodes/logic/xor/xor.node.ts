import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE, skipWarmUp, twoConditionInputs, withNanTests } from "../ports";

export const xor = defineNode({
  type: "logic.xor",
  version: 1,
  title: "Exclusive Or",
  category: "logic",
  description: `True when exactly one of A and B is true, not both. ${NAN_NOTE}`,
  inputs: twoConditionInputs,
  outputs: [{ name: "result", type: "bool", label: "Result" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "xor", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      const first = skipWarmUp(out, from, to, start);
      if (justOne(a, b, out, first, to) !== 0)
        withNanTests(a, b, out, first, to, (x, y) => +(x === 1) ^ +(y === 1));
    },
  }),
});

/** Writes whether just one of A and B is true on each bar of [from, to); returns the sum of the NaN gaps (see skipWarmUp). */
function justOne(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = (+(x === 1) ^ +(y === 1)) + gap;
  }
  return gaps;
}
