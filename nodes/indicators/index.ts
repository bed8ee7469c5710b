import type { NodeDefinition } from "@/nodes/core/define";
import { groupA } from "./group-a";
import { groupB } from "./group-b";
import { sma } from "./sma/sma.node.ts";

/** The indicator nodes, sorted by type. */
export const indicatorsNodes: NodeDefinition[] = [...groupA, ...groupB, sma].sort((a, b) =>
  a.type.localeCompare(b.type),
);
