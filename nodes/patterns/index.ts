import type { NodeDefinition } from "@/nodes/core/define";

/** The patterns nodes, sorted by type. */
export const patternsNodes: NodeDefinition[] = [];
