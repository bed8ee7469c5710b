import type { NodeDefinition } from "@/nodes/core/define";

/** The data nodes, sorted by type. */
export const dataNodes: NodeDefinition[] = [];
