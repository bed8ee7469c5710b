import type { NodeDefinition } from "@/nodes/core/define";
import type { WiredNode } from "./check";

/** What one column holds at run time, before slots are numbered. */
export type StepColumn = { kind: "step"; step: Draft; index: number };
export type Column =
  | { kind: "const"; value: number }
  | { kind: "nan" }
  | { kind: "feed"; feed: string; field: number }
  | StepColumn;

/** A step before ordering: one per distinct computation after deduplication. */
export interface Draft {
  serial: number;
  /**
   * With paramsJson, the head: op, version and canonical params, `${opKey}${paramsJson}|`. Steps
   * ready at once go in the code-unit order of the head, so SMA {"period":10} precedes SMA
   * {"period":30} and both precede logic.* steps.
   */
  opKey: string;
  /** canonicalJson(params). */
  paramsJson: string;
  /** A hash of the whole structure (head and the inputs' structure): the tie-break between equal heads. */
  rank: number;
  /** The head's place among all heads, so the ordering compares numbers. */
  headOrder: number;
  nodes: WiredNode[];
  definition: NodeDefinition;
  params: Record<string, unknown>;
  inputs: Column[];
  /** Per output port, its columns. */
  outputs: StepColumn[][];
  /** The feed a price-feed step reads: canonical JSON of [symbol, timeframe]. */
  feed?: string;
  live: boolean;
  slots: number[];
  /** For ordering: steps this one reads that are not placed yet, and its place among the live steps. */
  waiting: number;
  position: number;
}

/** Indicator and math series are drawn; data, logic and order nodes are not. */
export function isPlotted(definition: NodeDefinition): boolean {
  return definition.category === "indicators" || definition.category === "math";
}
