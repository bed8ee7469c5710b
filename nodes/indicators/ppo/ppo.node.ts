import { defineNode } from "@/nodes/core/define";
import { createPriceOscillator, orderedPeriods, oscillatorParams } from "../apo/apo.node.ts";
import { movingAverageWarmup } from "../apo/moving-average-type";

export const ppo = defineNode({
  type: "indicators.ppo",
  version: 1,
  title: "PPO",
  category: "indicators",
  description:
    "Percentage price oscillator: (fast MA − slow MA) / slow MA × 100. Like APO, but in percent, so values " +
    "compare across instruments and price levels. 0 where the slow average is 0.",
  reference: "TA-Lib PPO",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "PPO %" }],
  params: oscillatorParams,
  warmup: ({ fastPeriod, slowPeriod, maType }) =>
    movingAverageWarmup(maType, orderedPeriods(fastPeriod, slowPeriod)[1]),
  formula: { name: "ppo", params: ["fastPeriod", "slowPeriod"] },
  kernel: ({ fastPeriod, slowPeriod, maType }, { start }) =>
    createPriceOscillator(maType, fastPeriod, slowPeriod, start, true),
});
