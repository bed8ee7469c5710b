import type { NodeDefinition } from "@/nodes/core/define";
import { enterLong } from "./enterLong/enterLong.node.ts";
import { enterShort } from "./enterShort/enterShort.node.ts";
import { exit } from "./exit/exit.node.ts";
import { reverse } from "./reverse/reverse.node.ts";

/** The orders nodes, sorted by type. */
export const ordersNodes: NodeDefinition[] = [enterLong, enterShort, exit, reverse];
