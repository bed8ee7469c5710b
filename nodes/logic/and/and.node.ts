import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE, skipWarmUp, twoConditionInputs } from "../ports";

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
      for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
        const x = a[i];
        const y = b[i];
        out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x === 1) & +(y === 1);
      }
    },
  }),
});
