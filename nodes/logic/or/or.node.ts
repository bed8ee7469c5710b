import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE, skipWarmUp, twoConditionInputs } from "../ports";

export const or = defineNode({
  type: "logic.or",
  version: 1,
  title: "Or",
  category: "logic",
  description: `True when A or B (or both) is true, e.g. exit on a stop signal OR a profit target signal. ${NAN_NOTE}`,
  inputs: twoConditionInputs,
  outputs: [{ name: "result", type: "bool", label: "Result" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "or", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
        const x = a[i];
        const y = b[i];
        out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x === 1) | +(y === 1);
      }
    },
  }),
});
