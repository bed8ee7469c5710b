import type { NodeDefinition } from "@/nodes/core/define";

/** The math nodes, sorted by type. */
export const mathNodes: NodeDefinition[] = [];
