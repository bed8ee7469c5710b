import type { z } from "zod";
import type { CustomBlock, GraphEdge, GraphNode } from "./graph";
import type { OrderPatch } from "./orders";
import type { PortType } from "./ports";

export const NODE_CATEGORIES = [
  "data",
  "math",
  "logic",
  "indicators",
  "patterns",
  "orders",
  "risk",
  "custom",
] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

export interface PortSpec {
  /** The handle id on the canvas and the key in graphs; camelCase, unique within the node's inputs or outputs. */
  name: string;
  type: PortType;
  label: string;
  description?: string;
  /** An input that may stay unconnected. Unconnected, it reads the param named by `fallbackParam`, else NaN. */
  optional?: boolean;
  /** A number param used as a constant when this input is not connected (e.g. Compare's `b` ← `value`). */
  fallbackParam?: string;
}

/**
 * A running instance of a node's computation over columns.
 *
 * `run` computes the outputs for bars [from, to). Inputs hold valid data for every bar < to;
 * each port contributes columnsOf(type) columns, in port order (a `bars` input is six columns).
 * Batch mode calls run(0, n) once; streaming calls run(i, i + 1) for each new bar. Both must give
 * identical outputs, so state lives in the instance and never in a cached array reference
 * (the executor may grow columns between calls). Bars before `start + warmup` are written as NaN.
 */
export interface KernelInstance {
  run(inputs: readonly Float64Array[], outputs: readonly Float64Array[], from: number, to: number): void;
}

export interface KernelContext {
  /** The first bar at which every input holds a value (the inputs' own warm-up). */
  start: number;
}

export interface FormulaSignature {
  /** The function name in formulas, e.g. `sma` in `sma(close, 20)`. */
  name: string;
  /** Params taken positionally after the inputs, e.g. ["period"]. */
  params: readonly string[];
}

/**
 * What a macro node (a formula, a custom block) stands for: a small graph the compiler inlines in
 * its place. `inputs` forwards each of the macro's input ports to inner input ports; `outputs`
 * names the inner output port behind each of the macro's outputs. Inner node ids are local; the
 * compiler prefixes them with the macro node's id.
 */
export interface Expansion {
  nodes: GraphNode[];
  edges: GraphEdge[];
  inputs: Record<string, { node: string; port: string }[]>;
  outputs: Record<string, { node: string; port: string }>;
}

export type ExpandResult =
  | { ok: true; expansion: Expansion }
  /** `param` names the param at fault; `column` (1-based) points into a formula's text. */
  | { ok: false; message: string; param?: string; column?: number };

export interface ExpandContext {
  /** The custom blocks defined in the graph being compiled. */
  blocks: Readonly<Record<string, CustomBlock>>;
  /**
   * The macro node's input ports that have an edge into them. A formula reads the run's own
   * prices when its `bars` input is not among them; absent, every input counts as connected.
   */
  connected?: readonly string[];
}

export interface NodeDefinition<P extends z.ZodObject = z.ZodObject> {
  /** Stable type id, `<category>.<name>`, e.g. `indicators.sma`. Never reused for another meaning. */
  type: string;
  /** Bumped when the node's meaning changes; `migrations` bring older params forward. */
  version: number;
  title: string;
  category: NodeCategory;
  /** Help text shown on hover and in the inspector: what it computes and when to use it. */
  description: string;
  /** Where the values were checked: "TA-Lib SMA", or the published source used when TA-Lib has none. */
  reference?: string;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  /** The single source of truth for params: defaults, ranges and `.describe()` help text. */
  params: P;
  /** Bars after `start` before the outputs hold values (TA-Lib's lookback). */
  warmup: (params: z.output<P>) => number;
  /**
   * Compute nodes: a fresh instance; creating a new one is how a kernel is reset. Every run makes
   * new instances, so a kernel's loops over bars belong in module-level functions its `run` calls:
   * V8 drops the compiled code of closures whose instances are garbage, and a loop compiled afresh
   * on every run first runs for milliseconds in slow code.
   */
  kernel?: (params: z.output<P>, context: KernelContext) => KernelInstance;
  /** Order nodes: what this node adds to its order rule, given the plan slots of its connected series inputs. */
  order?: (params: z.output<P>, slots: Readonly<Record<string, number | undefined>>) => OrderPatch;
  /** Macro nodes: the inner graph that stands for this node (formulas, custom blocks). */
  expand?: (params: z.output<P>, context: ExpandContext) => ExpandResult;
  /** How this node is written in formulas; absent when it has no formula form. */
  formula?: FormulaSignature;
  /** migrations[v] turns params of version v into params of version v + 1. */
  migrations?: Readonly<Record<number, (params: Record<string, unknown>) => Record<string, unknown>>>;
}

/** Declares a node. Checks the definition's own consistency once, when the module loads. */
export function defineNode<P extends z.ZodObject>(definition: NodeDefinition<P>): NodeDefinition<P> {
  const { type, inputs, outputs, kernel, order, expand } = definition;
  if (!/^[a-z]+\.[a-zA-Z0-9]+$/.test(type))
    throw new Error(`Node type "${type}" must look like "category.name".`);
  if (!type.startsWith(`${definition.category}.`)) {
    throw new Error(`Node type "${type}" must start with its category "${definition.category}.".`);
  }
  for (const ports of [inputs, outputs]) {
    const names = new Set<string>();
    for (const port of ports) {
      if (names.has(port.name)) throw new Error(`Node "${type}" declares port "${port.name}" twice.`);
      names.add(port.name);
    }
  }
  if ([kernel, order, expand].filter(Boolean).length !== 1) {
    throw new Error(`Node "${type}" must have exactly one of kernel, order or expand.`);
  }
  return definition;
}

/** The defaults of a node's params: what a freshly dropped node starts with. */
export function defaultParams(definition: NodeDefinition): Record<string, unknown> {
  return definition.params.parse({}) as Record<string, unknown>;
}
