import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "@/nodes/math/ports";
import { crossing } from "../crossesAbove/crossesAbove.node.ts";
import { NAN_NOTE } from "../ports";

export const crossesBelow = defineNode({
  type: "logic.crossesBelow",
  version: 1,
  title: "Crosses Below",
  category: "logic",
  description: `True on the one bar where A moves from at or above B to below it: A < B now and A ≥ B on the bar before. The classic death cross is a fast moving average crossing below a slow one; leave B unconnected to cross a fixed level such as RSI crossing below 70. ${NAN_NOTE}`,
  reference: "TradingView ta.crossunder(a, b): a[0] < b[0] and a[1] >= b[1]",
  inputs: twoNumberInputs,
  outputs: [{ name: "result", type: "bool", label: "Crossed below" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 1,
  formula: { name: "crossesBelow", params: [] },
  kernel: (_params, { start }) => crossing(start, 1),
});
