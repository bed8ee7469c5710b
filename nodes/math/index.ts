import type { NodeDefinition } from "@/nodes/core/define";
import { abs } from "./abs/abs.node.ts";
import { add } from "./add/add.node.ts";
import { change } from "./change/change.node.ts";
import { clamp } from "./clamp/clamp.node.ts";
import { divide } from "./divide/divide.node.ts";
import { exp } from "./exp/exp.node.ts";
import { lag } from "./lag/lag.node.ts";
import { log } from "./log/log.node.ts";
import { max } from "./max/max.node.ts";
import { min } from "./min/min.node.ts";
import { multiply } from "./multiply/multiply.node.ts";
import { percentChange } from "./percentChange/percentChange.node.ts";
import { percentRank } from "./percentRank/percentRank.node.ts";
import { pow } from "./pow/pow.node.ts";
import { rollingMax } from "./rollingMax/rollingMax.node.ts";
import { rollingMean } from "./rollingMean/rollingMean.node.ts";
import { rollingMin } from "./rollingMin/rollingMin.node.ts";
import { rollingStdev } from "./rollingStdev/rollingStdev.node.ts";
import { rollingSum } from "./rollingSum/rollingSum.node.ts";
import { round } from "./round/round.node.ts";
import { sqrt } from "./sqrt/sqrt.node.ts";
import { subtract } from "./subtract/subtract.node.ts";
import { zScore } from "./zScore/zScore.node.ts";

/** The math nodes, sorted by type. */
export const mathNodes: NodeDefinition[] = [
  abs,
  add,
  change,
  clamp,
  divide,
  exp,
  lag,
  log,
  max,
  min,
  multiply,
  percentChange,
  percentRank,
  pow,
  rollingMax,
  rollingMean,
  rollingMin,
  rollingStdev,
  rollingSum,
  round,
  sqrt,
  subtract,
  zScore,
];
