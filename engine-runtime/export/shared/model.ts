import { catalogue } from "@/nodes/catalogue";
import type { NodeDefinition, PortSpec } from "@/nodes/core/define";
import type { Graph } from "@/nodes/core/graph";
import { columnsOf } from "@/nodes/core/ports";
import type { Registry } from "@/nodes/core/registry";
import type { Plan, PlanStep, SourceMap } from "../../plan/schema";
import { commentText, words } from "./text";

/** What a generator reads: the plan, and where its parts came from for comments and names. */
export interface ExportSource {
  plan: Plan;
  sourceMap?: SourceMap;
  /** Embedded in the export (absent for plans built without a graph, e.g. in tests). */
  graph?: Graph;
  /** The plan's hash, quoted in the header. */
  hash?: string;
}

export const EXPORT_TARGETS = ["ts", "py", "pine"] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];
export const TARGET_NAMES: Record<ExportTarget, string> = {
  ts: "TypeScript (JavaScript for Node)",
  py: "Python",
  pine: "Pine Script",
};

/** Thrown for a plan a target cannot express: names the node and the op, never emits wrong code. */
export class ExportError extends Error {}

export interface InputPort {
  port: PortSpec;
  slots: number[];
}

export interface StepInfo {
  index: number;
  step: PlanStep;
  definition: NodeDefinition;
  params: Record<string, unknown>;
  /** Ids of the graph nodes this step computes. */
  nodes: string[];
  /** For comments (already sanitised): `Fast SMA: SMA(period 10), node "fast"`. */
  origin: string;
  /** The user's name for it (label, else title), sanitised: for messages. */
  name: string;
  inputs: InputPort[];
  outputs: { port: PortSpec; slot: number }[];
}

export interface Model {
  source: ExportSource;
  steps: StepInfo[];
  /** Comment text per order rule: which nodes it came from. */
  orderOrigins: string[];
  strategyName: string;
  description: string;
}

function describeParams(params: Record<string, unknown>): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== "" && value !== undefined)
    .map(([key, value]) => `${key} ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.join(", ");
}

/** Reads the plan against the node catalogue; throws ExportError naming the node for anything unknown. */
export function buildModel(source: ExportSource, registry: Registry = catalogue): Model {
  const { plan, sourceMap, graph } = source;
  const nodesById = new Map((graph?.nodes ?? []).map((node) => [node.id, node]));
  const describeNodes = (ids: string[], fallback: string) => {
    if (ids.length === 0) return { name: fallback, text: fallback };
    const names = ids.map((id) => {
      const node = nodesById.get(id);
      return node?.label ? `"${node.label}" (node ${id})` : `node ${id}`;
    });
    const first = nodesById.get(ids[0]);
    return { name: first?.label || fallback, text: names.join(", ") };
  };

  const steps = plan.steps.map((step, index): StepInfo => {
    const found = registry.lookup(step.op);
    const ids = sourceMap?.steps[index] ?? [];
    if (!found.ok || !found.definition.kernel) {
      throw new ExportError(
        `Step ${index + 1} (${describeNodes(ids, step.op).text}) uses "${step.op}", which has no computation to export.`,
      );
    }
    const definition = found.definition;
    const params = definition.params.parse(step.params) as Record<string, unknown>;
    const inputs: InputPort[] = [];
    let at = 0;
    for (const port of definition.inputs) {
      const count = columnsOf(port.type);
      inputs.push({ port, slots: step.inputs.slice(at, at + count) });
      at += count;
    }
    // Price Feed reads the run's bars, which are not an input port of the node.
    if (definition.inputs.length === 0 && step.inputs.length > 0) {
      inputs.push({ port: { name: "bars", type: "bars", label: "Bars" }, slots: step.inputs });
    }
    const outputs: StepInfo["outputs"] = [];
    let out = 0;
    for (const port of definition.outputs) {
      for (let k = 0; k < columnsOf(port.type); k++) outputs.push({ port, slot: step.outputs[out++] });
    }
    const who = describeNodes(ids, definition.title);
    const paramsText = describeParams(params);
    const what = `${definition.title}${paramsText ? `(${paramsText})` : ""}`;
    return {
      index,
      step,
      definition,
      params,
      nodes: ids,
      origin: commentText(`${what}: ${who.text}`),
      name: commentText(who.name, 120),
      inputs,
      outputs,
    };
  });
  const orderOrigins = plan.orders.map((rule, index) =>
    commentText(
      `Order rule ${index + 1}, ${rule.action}: ${describeNodes(sourceMap?.orders[index] ?? [], rule.action).text}`,
    ),
  );
  return {
    source,
    steps,
    orderOrigins,
    strategyName:
      typeof graph?.meta?.name === "string" && graph.meta.name ? graph.meta.name : "Strata strategy",
    description: typeof graph?.meta?.description === "string" ? graph.meta.description : "",
  };
}

/** The words a variable holding `slot` is named from: its node's id, then its port when that says more. */
export function slotWords(step: StepInfo, port: PortSpec): string[] {
  const id = step.nodes[0];
  const base = id ? words(id) : [];
  const own = base.length > 0 ? base : words(step.definition.type.split(".")[1]);
  const several = new Set(step.outputs.map((o) => o.port.name)).size > 1;
  return several || own.length === 0 ? [...own, ...words(port.name)] : own;
}

/**
 * Unique identifiers in one target's casing. A clash with a reserved word, a runtime helper or an
 * earlier name adds the port, then a number; names start with a letter and hold ASCII only.
 */
export class Namer {
  readonly #used = new Set<string>();

  constructor(
    private readonly casing: (parts: readonly string[]) => string,
    reserved: Iterable<string>,
  ) {
    for (const word of reserved) this.#used.add(word);
  }

  name(parts: readonly string[], fallback: readonly string[]): string {
    const start = parts.length > 0 ? [...parts] : [...fallback];
    if (/^[0-9]/.test(start[0] ?? "")) start.unshift("n");
    const candidates = [start, [...start, ...fallback]];
    for (const candidate of candidates) {
      const name = this.casing(candidate);
      if (!this.#used.has(name)) {
        this.#used.add(name);
        return name;
      }
    }
    for (let k = 2; ; k++) {
      const name = this.casing([...start, String(k)]);
      if (!this.#used.has(name)) {
        this.#used.add(name);
        return name;
      }
    }
  }

  reserve(name: string): void {
    this.#used.add(name);
  }
}

/** Keywords and built-in names of both languages: never used for a strategy's variables. */
export const RESERVED = [
  ...["await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do"],
  ...["else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in"],
  ...["instanceof", "let", "new", "null", "return", "super", "switch", "this", "throw", "true", "try"],
  ...["typeof", "var", "void", "while", "with", "yield", "static", "implements", "interface", "package"],
  ...["private", "protected", "public", "arguments", "eval", "undefined", "NaN", "Infinity", "Math"],
  ...[
    "Number",
    "Object",
    "Array",
    "JSON",
    "String",
    "console",
    "process",
    "require",
    "module",
    "Float64Array",
  ],
  ...["and", "as", "assert", "async", "def", "del", "elif", "except", "from", "global", "is", "lambda"],
  ...["nonlocal", "not", "or", "pass", "raise", "None", "True", "False", "np", "pd", "math", "sys", "json"],
  ...["print", "len", "range", "min", "max", "abs", "round", "float", "int", "list", "dict", "open", "type"],
  ...["bars", "n", "main", "strategy", "ta", "na", "input", "plot", "time", "close", "high", "low", "volume"],
  ...["rules", "settings", "result", "i", "k", "x", "y", "out", "series", "bool", "string", "color"],
];
