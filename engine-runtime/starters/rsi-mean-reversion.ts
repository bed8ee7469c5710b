import { edge, graph, node } from "./build";
import type { Starter } from "./starter";

const name = "RSI mean reversion";
const description =
  "Buys when the 14-bar RSI falls below 30 (oversold) and sells when it rises above 70 (overbought).";

export const rsiMeanReversion: Starter = {
  id: "rsi-mean-reversion",
  name,
  description,
  tags: ["mean reversion", "RSI", "oscillator"],
  graph: graph(
    name,
    description,
    [
      node("price", "data.priceFeed", { column: 0, row: 1 }),
      node("rsi", "indicators.rsi", { column: 1, row: 1 }, { period: 14 }),
      node("oversold", "logic.compare", { column: 2, row: 0 }, { op: "<", value: 30 }, "RSI below 30"),
      node("overbought", "logic.compare", { column: 2, row: 2 }, { op: ">", value: 70 }, "RSI above 70"),
      node("buy", "orders.enterLong", { column: 3, row: 0 }),
      node("sell", "orders.exit", { column: 3, row: 2 }, { side: "long" }),
    ],
    [
      edge("price", "value", "rsi", "source"),
      edge("rsi", "value", "oversold", "a"),
      edge("rsi", "value", "overbought", "a"),
      edge("oversold", "result", "buy", "when"),
      edge("overbought", "result", "sell", "when"),
    ],
  ),
};
