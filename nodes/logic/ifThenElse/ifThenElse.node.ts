import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const ifThenElse = defineNode({
  type: "logic.ifThenElse",
  version: 1,
  title: "If Then Else",
  category: "logic",
  description:
    "Chooses between two numbers on every bar: Then where the condition is true, Else where it is false. For example a tight stop in a calm market and a wide one otherwise. Then and Else can be fixed numbers. While the condition is still empty (warming up) the result is empty too.",
  inputs: [
    { name: "condition", type: "bool", label: "Condition" },
    { name: "then", type: "series", label: "Then", optional: true, fallbackParam: "thenValue" },
    { name: "else", type: "series", label: "Else", optional: true, fallbackParam: "elseValue" },
  ],
  outputs: [{ name: "value", type: "series", label: "Value" }],
  params: z.object({
    thenValue: z
      .number()
      .finite()
      .default(1)
      .describe("The result where the condition is true, when Then is not connected."),
    elseValue: z
      .number()
      .finite()
      .default(0)
      .describe("The result where the condition is false, when Else is not connected."),
  }),
  warmup: () => 0,
  formula: { name: "ifThenElse", params: [] },
  kernel: (_params, { start }) => ({
    run([condition, whenTrue, whenFalse], [out], from, to) {
      for (let i = from; i < to; i++) {
        const c = condition[i];
        out[i] = i < start || Number.isNaN(c) ? Number.NaN : c === 1 ? whenTrue[i] : whenFalse[i];
      }
    },
  }),
});
