import { edge, graph, node } from "./build";
import type { Starter } from "./starter";

const name = "Donchian breakout";
const description =
  "The Turtle traders' rule: buys when the close breaks above the highest high of the previous 20 bars, sells when it breaks below the lowest low of the previous 10, with a 5% stop loss.";

export const donchianBreakout: Starter = {
  id: "donchian-breakout",
  name,
  description,
  tags: ["breakout", "trend", "Donchian", "stop loss"],
  graph: graph(
    name,
    description,
    [
      node("price", "data.priceFeed", { column: 0, row: 1 }),
      node("entryChannel", "indicators.donchian", { column: 1, row: 0 }, { period: 20 }, "20-bar channel"),
      node("exitChannel", "indicators.donchian", { column: 1, row: 2 }, { period: 10 }, "10-bar channel"),
      // The channel includes the current bar, so the close can only break the previous bar's band.
      node("previousHigh", "math.lag", { column: 2, row: 0 }, { bars: 1 }, "Previous 20-bar high"),
      node("previousLow", "math.lag", { column: 2, row: 2 }, { bars: 1 }, "Previous 10-bar low"),
      node("breakout", "logic.crossesAbove", { column: 3, row: 0 }, {}, "Close breaks the high"),
      node("breakdown", "logic.crossesBelow", { column: 3, row: 2 }, {}, "Close breaks the low"),
      node("buy", "orders.enterLong", { column: 4, row: 0 }),
      node("sell", "orders.exit", { column: 4, row: 2 }, { side: "long" }),
      node("stop", "risk.stopLoss", { column: 5, row: 0 }, { mode: "percent", value: 5 }),
    ],
    [
      edge("price", "bars", "entryChannel", "bars"),
      edge("price", "bars", "exitChannel", "bars"),
      edge("entryChannel", "upper", "previousHigh", "x"),
      edge("exitChannel", "lower", "previousLow", "x"),
      edge("price", "value", "breakout", "a"),
      edge("previousHigh", "value", "breakout", "b"),
      edge("price", "value", "breakdown", "a"),
      edge("previousLow", "value", "breakdown", "b"),
      edge("breakout", "result", "buy", "when"),
      edge("breakdown", "result", "sell", "when"),
      edge("buy", "order", "stop", "order"),
    ],
  ),
};
