import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE, skipWarmUp, twoConditionInputs, withNanTests } from "../ports";

export const and = defineNode({
  type: "logic.and",
  version: 1,
  title: "And",
  category: "logic",
  description: `True when both A and B are true, e.g. an uptrend AND an oversold RSI. ${NAN_NOTE}`,
  inputs: twoConditionInputs,
  outputs: [{ name: "result", type: "bool", label: "Result" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "and", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      const first = skipWarmUp(out, from, to, start);
      if (both(a, b, out, first, to) !== 0)
        withNanTests(a, b, out, first, to, (x, y) => +(x === 1) & +(y === 1));
    },
  }),
});

/** Writes whether A and B are both true on each bar of [from, to); returns the sum of the NaN gaps (see skipWarmUp). */
function both(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = (+(x === 1) & +(y === 1)) + gap;
  }
  return gaps;
}
