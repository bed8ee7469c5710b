import type { NodeDefinition } from "@/nodes/core/define";
import { and } from "./and/and.node.ts";
import { barsSince } from "./barsSince/barsSince.node.ts";
import { becameTrue } from "./becameTrue/becameTrue.node.ts";
import { between } from "./between/between.node.ts";
import { compare } from "./compare/compare.node.ts";
import { countInWindow } from "./countInWindow/countInWindow.node.ts";
import { crossesAbove } from "./crossesAbove/crossesAbove.node.ts";
import { crossesBelow } from "./crossesBelow/crossesBelow.node.ts";
import { falling } from "./falling/falling.node.ts";
import { ifThenElse } from "./ifThenElse/ifThenElse.node.ts";
import { not } from "./not/not.node.ts";
import { or } from "./or/or.node.ts";
import { rising } from "./rising/rising.node.ts";
import { trueForBars } from "./trueForBars/trueForBars.node.ts";
import { xor } from "./xor/xor.node.ts";

/** The logic nodes, sorted by type. */
export const logicNodes: NodeDefinition[] = [
  and,
  barsSince,
  becameTrue,
  between,
  compare,
  countInWindow,
  crossesAbove,
  crossesBelow,
  falling,
  ifThenElse,
  not,
  or,
  rising,
  trueForBars,
  xor,
];
