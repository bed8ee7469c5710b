import type { NodeDefinition } from "@/nodes/core/define";
import { cooldown } from "./cooldown/cooldown.node.ts";
import { exitAfterBars } from "./exitAfterBars/exitAfterBars.node.ts";
import { maxOpenPositions } from "./maxOpenPositions/maxOpenPositions.node.ts";
import { positionSize } from "./positionSize/positionSize.node.ts";
import { stopLoss } from "./stopLoss/stopLoss.node.ts";
import { takeProfit } from "./takeProfit/takeProfit.node.ts";
import { trailingStop } from "./trailingStop/trailingStop.node.ts";

/** The risk nodes, sorted by type. */
export const riskNodes: NodeDefinition[] = [
  cooldown,
  exitAfterBars,
  maxOpenPositions,
  positionSize,
  stopLoss,
  takeProfit,
  trailingStop,
];
