import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "@/nodes/math/ports";
import { NAN_NOTE, skipWarmUp } from "../ports";

export const crossesAbove = defineNode({
  type: "logic.crossesAbove",
  version: 1,
  title: "Crosses Above",
  category: "logic",
  description: `True on the one bar where A moves from at or below B to above it: A > B now and A ≤ B on the bar before. The classic golden cross is a fast moving average crossing above a slow one; leave B unconnected to cross a fixed level such as RSI crossing above 30. ${NAN_NOTE}`,
  reference: "TradingView ta.crossover(a, b): a[0] > b[0] and a[1] <= b[1]",
  inputs: twoNumberInputs,
  outputs: [{ name: "result", type: "bool", label: "Crossed above" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 1,
  formula: { name: "crossesAbove", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      // A cross compares with the bar before, so the first computed bar is the one after start.
      for (let i = skipWarmUp(out, from, to, start + 1); i < to; i++) {
        const x = a[i];
        const y = b[i];
        const px = a[i - 1];
        const py = b[i - 1];
        out[i] =
          Number.isNaN(x) || Number.isNaN(y) || Number.isNaN(px) || Number.isNaN(py)
            ? Number.NaN
            : +(x > y) & +(px <= py);
      }
    },
  }),
});
