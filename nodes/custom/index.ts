import type { NodeDefinition } from "@/nodes/core/define";

/** The custom nodes, sorted by type. */
export const customNodes: NodeDefinition[] = [];
