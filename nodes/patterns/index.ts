import type { NodeDefinition } from "@/nodes/core/define";
import { fibonacciRetracement } from "./fibonacciRetracement/fibonacciRetracement.node.ts";
import { markovRegime } from "./markovRegime/markovRegime.node.ts";
import { pivotPoints } from "./pivotPoints/pivotPoints.node.ts";
import { zigzag } from "./zigzag/zigzag.node.ts";

/** The patterns nodes, sorted by type. */
export const patternsNodes: NodeDefinition[] = [fibonacciRetracement, markovRegime, pivotPoints, zigzag];
