import { edge, graph, node } from "./build";
import type { Starter } from "./starter";

const name = "Moving-average crossover";
const description =
  "Buys when the 10-bar SMA crosses above the 30-bar SMA (a golden cross) and sells when it crosses back below.";

export const movingAverageCrossover: Starter = {
  id: "moving-average-crossover",
  name,
  description,
  tags: ["trend", "SMA", "beginner"],
  graph: graph(
    name,
    description,
    [
      node("price", "data.priceFeed", { column: 0, row: 1 }),
      node("fast", "indicators.sma", { column: 1, row: 0 }, { period: 10 }, "Fast SMA"),
      node("slow", "indicators.sma", { column: 1, row: 2 }, { period: 30 }, "Slow SMA"),
      node("goldenCross", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Fast crosses above slow"),
      node("deathCross", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Fast crosses below slow"),
      node("buy", "orders.enterLong", { column: 3, row: 0 }),
      node("sell", "orders.exit", { column: 3, row: 2 }, { side: "long" }),
    ],
    [
      edge("price", "value", "fast", "source"),
      edge("price", "value", "slow", "source"),
      edge("fast", "value", "goldenCross", "a"),
      edge("slow", "value", "goldenCross", "b"),
      edge("fast", "value", "deathCross", "a"),
      edge("slow", "value", "deathCross", "b"),
      edge("goldenCross", "result", "buy", "when"),
      edge("deathCross", "result", "sell", "when"),
    ],
  ),
};
