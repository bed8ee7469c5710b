import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { priceFieldParam, writeField } from "../fields";

export const barField = defineNode({
  type: "data.barField",
  version: 1,
  title: "Bar Field",
  category: "data",
  description:
    "Picks one number from each price bar: open, high, low, close, volume, or a composite price such as hl2 (the middle of the bar's range). Use it to feed an indicator from bars that come from a resample or another market.",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "Value" }],
  params: z.object({ field: priceFieldParam }),
  warmup: () => 0,
  formula: { name: "barField", params: ["field"] },
  kernel: ({ field }, { start }) => ({
    run(inputs, [out], from, to) {
      writeField(field, inputs, out, from, to, start);
    },
  }),
});
