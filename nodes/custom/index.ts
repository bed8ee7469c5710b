import type { NodeDefinition } from "@/nodes/core/define";
import { block } from "./block/block.node.ts";
import { formula } from "./formula/formula.node.ts";

/** The custom nodes, sorted by type. */
export const customNodes: NodeDefinition[] = [block, formula];
