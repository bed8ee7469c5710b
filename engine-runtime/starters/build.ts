import { GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode } from "@/nodes/core/graph";

/** Horizontal and vertical spacing of the starter layouts: a node card is about 220 × 120 px on the canvas. */
const COLUMN_WIDTH = 280;
const ROW_HEIGHT = 160;

/**
 * A node placed on a grid: columns run left to right in the direction data flows (price, indicators,
 * conditions, orders, risk), rows stack nodes of the same column.
 */
export function node(
  id: string,
  type: string,
  at: { column: number; row: number },
  params: Record<string, unknown> = {},
  label?: string,
): GraphNode {
  return {
    id,
    type,
    typeVersion: 1,
    params,
    position: { x: at.column * COLUMN_WIDTH, y: at.row * ROW_HEIGHT },
    ...(label ? { label } : {}),
  };
}

/** An edge from `source`'s output port to `target`'s input port; the id says both ends. */
export function edge(source: string, sourceHandle: string, target: string, targetHandle: string): GraphEdge {
  return {
    id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  };
}

export function graph(name: string, description: string, nodes: GraphNode[], edges: GraphEdge[]): Graph {
  return { version: GRAPH_VERSION, nodes, edges, blocks: {}, meta: { name, description } };
}
