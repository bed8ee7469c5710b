import type { NodeDefinition } from "@/nodes/core/define";

/** The risk nodes, sorted by type. */
export const riskNodes: NodeDefinition[] = [];
