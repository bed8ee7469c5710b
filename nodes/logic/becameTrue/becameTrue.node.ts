import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { NAN_NOTE } from "../ports";

export const becameTrue = defineNode({
  type: "logic.becameTrue",
  version: 1,
  title: "Became True",
  category: "logic",
  description: `True only on the bar where the condition turns from false to true (its rising edge), so a condition that stays true for many bars fires once. ${NAN_NOTE}`,
  inputs: [{ name: "condition", type: "bool", label: "Condition" }],
  outputs: [{ name: "result", type: "bool", label: "Result" }],
  params: z.object({}),
  warmup: () => 1,
  formula: { name: "becameTrue", params: [] },
  kernel: (_params, { start }) => ({
    run([condition], [out], from, to) {
      for (let i = from; i < to; i++) {
        if (i <= start) {
          out[i] = Number.NaN;
          continue;
        }
        const now = condition[i];
        const before = condition[i - 1];
        out[i] = Number.isNaN(now) || Number.isNaN(before) ? Number.NaN : now === 1 && before !== 1 ? 1 : 0;
      }
    },
  }),
});
