import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE, skipWarmUp, twoConditionInputs } from "../ports";

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
      for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
        const x = a[i];
        const y = b[i];
        out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x === 1) ^ +(y === 1);
      }
    },
  }),
});
