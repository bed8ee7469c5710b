import type { Graph } from "@/nodes/core/graph";
import { moveNodes } from "./graph-ops";

/**
 * Lays the graph out left to right with ELK's layered algorithm: prices on the left, orders on the
 * right, edges crossing as little as ELK can manage. `sizes` are the cards' measured sizes.
 */
export async function autoLayout(
  graph: Graph,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Promise<Graph> {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const elk = new ELK();
  const laid = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.spacing.nodeNode": "40",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
    },
    children: graph.nodes.map((node) => ({
      id: node.id,
      width: sizes.get(node.id)?.width ?? 216,
      height: sizes.get(node.id)?.height ?? 110,
    })),
    edges: graph.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of laid.children ?? [])
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return moveNodes(graph, positions);
}
