import type { NodeDefinition } from "@/nodes/core/define";
import { sma } from "./sma/sma.node";

/** The indicator nodes, sorted by type. */
export const indicatorsNodes: NodeDefinition[] = [sma];
