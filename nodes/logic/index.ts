import type { NodeDefinition } from "@/nodes/core/define";

/** The logic nodes, sorted by type. */
export const logicNodes: NodeDefinition[] = [];
