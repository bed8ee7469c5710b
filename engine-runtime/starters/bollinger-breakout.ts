import { edge, graph, node } from "./build";
import type { Starter } from "./starter";

const name = "Bollinger breakout";
const description =
  "Buys when the close breaks above the upper Bollinger Band (20 bars, 2 deviations) and sells when it falls back below the middle band.";

export const bollingerBreakout: Starter = {
  id: "bollinger-breakout",
  name,
  description,
  tags: ["breakout", "volatility", "Bollinger Bands"],
  graph: graph(
    name,
    description,
    [
      node("price", "data.priceFeed", { column: 0, row: 1 }),
      node(
        "bands",
        "indicators.bbands",
        { column: 1, row: 1 },
        { period: 20, deviationsUp: 2, deviationsDown: 2 },
      ),
      node("breakout", "logic.crossesAbove", { column: 2, row: 0 }, {}, "Close breaks above upper band"),
      node("fallback", "logic.crossesBelow", { column: 2, row: 2 }, {}, "Close falls below middle band"),
      node("buy", "orders.enterLong", { column: 3, row: 0 }),
      node("sell", "orders.exit", { column: 3, row: 2 }, { side: "long" }),
    ],
    [
      edge("price", "value", "bands", "source"),
      edge("price", "value", "breakout", "a"),
      edge("bands", "upper", "breakout", "b"),
      edge("price", "value", "fallback", "a"),
      edge("bands", "middle", "fallback", "b"),
      edge("breakout", "result", "buy", "when"),
      edge("fallback", "result", "sell", "when"),
    ],
  ),
};
