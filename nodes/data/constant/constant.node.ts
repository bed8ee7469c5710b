import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const constant = defineNode({
  type: "data.constant",
  version: 1,
  title: "Number",
  category: "data",
  description:
    "A fixed number, such as a threshold of 70 for RSI or a 2% band. Connect it wherever a number is expected; it has the same value on every bar.",
  inputs: [],
  outputs: [{ name: "value", type: "scalar", label: "Value" }],
  params: z.object({
    value: z.number().finite().default(0).describe("The number this node gives."),
  }),
  warmup: () => 0,
  kernel: ({ value }) => ({
    run(_inputs, [out], from, to) {
      out.fill(value, from, to);
    },
  }),
});
