import type { Graph } from "@/nodes/core/graph";

/**
 * Small strategy graphs for tests, drawn as a user would: price → two SMAs → crossings → orders.
 */
export function smaCrossoverGraph(fast = 10, slow = 30): Graph {
  return {
    version: 1,
    blocks: {},
    meta: { name: `SMA ${fast}/${slow} crossover` },
    nodes: [
      { id: "price", type: "data.priceFeed", typeVersion: 1, params: {}, position: { x: 0, y: 100 } },
      {
        id: "fast",
        type: "indicators.sma",
        typeVersion: 1,
        params: { period: fast },
        position: { x: 250, y: 0 },
      },
      {
        id: "slow",
        type: "indicators.sma",
        typeVersion: 1,
        params: { period: slow },
        position: { x: 250, y: 200 },
      },
      { id: "up", type: "logic.crossesAbove", typeVersion: 1, params: {}, position: { x: 500, y: 0 } },
      { id: "down", type: "logic.crossesBelow", typeVersion: 1, params: {}, position: { x: 500, y: 200 } },
      { id: "buy", type: "orders.enterLong", typeVersion: 1, params: {}, position: { x: 750, y: 0 } },
      {
        id: "sell",
        type: "orders.exit",
        typeVersion: 1,
        params: { side: "long" },
        position: { x: 750, y: 200 },
      },
    ],
    edges: [
      { id: "e1", source: "price", sourceHandle: "value", target: "fast", targetHandle: "source" },
      { id: "e2", source: "price", sourceHandle: "value", target: "slow", targetHandle: "source" },
      { id: "e3", source: "fast", sourceHandle: "value", target: "up", targetHandle: "a" },
      { id: "e4", source: "slow", sourceHandle: "value", target: "up", targetHandle: "b" },
      { id: "e5", source: "fast", sourceHandle: "value", target: "down", targetHandle: "a" },
      { id: "e6", source: "slow", sourceHandle: "value", target: "down", targetHandle: "b" },
      { id: "e7", source: "up", sourceHandle: "result", target: "buy", targetHandle: "when" },
      { id: "e8", source: "down", sourceHandle: "result", target: "sell", targetHandle: "when" },
    ],
  };
}
