import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { barsBackParam } from "../ports";

export const change = defineNode({
  type: "math.change",
  version: 1,
  title: "Change",
  category: "math",
  description:
    "How much X moved over a number of bars: today's value minus the value n bars ago. Positive when it went up. This is the momentum indicator (TA-Lib MOM).",
  reference: "TA-Lib MOM",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Change" }],
  params: z.object({ bars: barsBackParam(1) }),
  warmup: ({ bars }) => bars,
  formula: { name: "change", params: ["bars"] },
  kernel: ({ bars }, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start + bars ? Number.NaN : x[i] - x[i - bars];
    },
  }),
});
