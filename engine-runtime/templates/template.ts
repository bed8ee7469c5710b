import type { Graph, GraphEdge, GraphNode } from "@/nodes/core/graph";
import { edge, graph, node } from "../starters/build";

/** A strategy the Strata team publishes in the marketplace on first start. */
export interface Template {
  /** Stable id: seeding finds an already published template by it. */
  id: string;
  title: string;
  /** Markdown. */
  description: string;
  tags: string[];
  market: "stocks" | "crypto" | "forex" | "futures" | "any";
  timeframe: "5m" | "1h" | "4h" | "1d" | "1w";
  graph: Graph;
}

export { edge, node };

/** The price feed every template starts from: column 0 of the layout. */
export const price = () => node("price", "data.priceFeed", { column: 0, row: 1 });

/** A long-only template: entry and exit conditions named `buy` and `sell` wired to the orders. */
export function template(
  meta: Omit<Template, "graph" | "market" | "timeframe"> & Partial<Pick<Template, "market" | "timeframe">>,
  nodes: GraphNode[],
  edges: GraphEdge[],
): Template {
  const summary = meta.description.split("\n")[0];
  return {
    market: "stocks",
    timeframe: "1d",
    ...meta,
    graph: graph(meta.title, summary, [price(), ...nodes], edges),
  };
}

/** Orders on the right of the layout: enter long on `entry`, exit longs on `exit`. */
export function longOrders(
  entry: string,
  exit: string,
  column = 4,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: [
      node("buy", "orders.enterLong", { column, row: 0 }),
      node("sell", "orders.exit", { column, row: 2 }, { side: "long" }),
    ],
    edges: [edge(entry, "result", "buy", "when"), edge(exit, "result", "sell", "when")],
  };
}
