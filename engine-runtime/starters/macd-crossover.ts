import { edge, graph, node } from "./build";
import type { Starter } from "./starter";

const name = "MACD crossover";
const description =
  "Buys when the MACD line (12/26) crosses above its 9-bar signal line and sells when it crosses back below.";

export const macdCrossover: Starter = {
  id: "macd-crossover",
  name,
  description,
  tags: ["trend", "momentum", "MACD"],
  graph: graph(
    name,
    description,
    [
      node("price", "data.priceFeed", { column: 0, row: 1 }),
      node(
        "macd",
        "indicators.macd",
        { column: 1, row: 1 },
        { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 },
      ),
      node("bullish", "logic.crossesAbove", { column: 2, row: 0 }, {}, "MACD crosses above signal"),
      node("bearish", "logic.crossesBelow", { column: 2, row: 2 }, {}, "MACD crosses below signal"),
      node("buy", "orders.enterLong", { column: 3, row: 0 }),
      node("sell", "orders.exit", { column: 3, row: 2 }, { side: "long" }),
    ],
    [
      edge("price", "value", "macd", "source"),
      edge("macd", "macd", "bullish", "a"),
      edge("macd", "signal", "bullish", "b"),
      edge("macd", "macd", "bearish", "a"),
      edge("macd", "signal", "bearish", "b"),
      edge("bullish", "result", "buy", "when"),
      edge("bearish", "result", "sell", "when"),
    ],
  ),
};
