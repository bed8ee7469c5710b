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
      for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
        const x = a[i];
        out[i] = Number.isNaN(x) ? Number.NaN : +(x !== 1);
      }
    },
  }),
});
