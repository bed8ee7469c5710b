import type { NodeDefinition } from "@/nodes/core/define";

/** The orders nodes, sorted by type. */
export const ordersNodes: NodeDefinition[] = [];
