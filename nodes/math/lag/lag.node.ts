import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { barsBackParam } from "../ports";

export const lag = defineNode({
  type: "math.lag",
  version: 1,
  title: "Bars Ago",
  category: "math",
  description:
    "The value from a number of bars ago: with 1 it gives yesterday's value on daily bars. Use it to compare today with an earlier bar, e.g. close above the high of 1 bar ago.",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Value n bars ago" }],
  params: z.object({ bars: barsBackParam(1) }),
  warmup: ({ bars }) => bars,
  formula: { name: "lag", params: ["bars"] },
  kernel: ({ bars }, { start }) => ({
    run([x], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = i < start + bars ? Number.NaN : x[i - bars];
    },
  }),
});
