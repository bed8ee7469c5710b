import { catalogue } from "@/nodes/catalogue";
import type { Graph } from "@/nodes/core/graph";
import type { Registry } from "@/nodes/core/registry";
import { planHash } from "../plan/canonical";
import type { Plan, SourceMap } from "../plan/schema";
import { wire } from "./check";
import type { Diagnostic } from "./diagnostics";
import { flatten } from "./expand";
import { lower } from "./lower";
import { migrateGraph as migrate } from "./migrate";

export type { Diagnostic, DiagnosticCode } from "./diagnostics";
export { DIAGNOSTIC_CODES } from "./diagnostics";

export interface CompileOptions {
  /** The node types the graph may use; the full catalogue unless a test narrows it. */
  registry?: Registry;
  /** Bars in the data the plan will run on, to warn when warm-up would use them all. */
  dataLength?: number;
}

export interface CompileResult {
  ok: boolean;
  plan?: Plan;
  /** SHA-256 of the plan's canonical JSON (planJson), hex. */
  hash?: string;
  sourceMap?: SourceMap;
  diagnostics: Diagnostic[];
}

/**
 * Compiles a graph (any JSON value: it is validated here) into a plan. Never throws: everything
 * wrong with the input comes back as diagnostics, errors first. `ok` is true when there is a plan.
 */
export function compile(graph: unknown, options: CompileOptions = {}): CompileResult {
  const diagnostics: Diagnostic[] = [];
  try {
    const result = compileOrFail(graph, options, diagnostics);
    return { ...result, diagnostics: sortDiagnostics(diagnostics) };
  } catch (error) {
    diagnostics.push({
      severity: "error",
      code: "internal-error",
      message: `The compiler failed on this graph (${error instanceof Error ? error.message : String(error)}). This is a bug in Strata; please report it with the graph.`,
    });
    return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  }
}

/**
 * Brings a saved graph up to the current format: older graph versions and older node typeVersions
 * are migrated forward (through each NodeDefinition's migrations), never rejected.
 */
export function migrateGraph(
  raw: unknown,
  registry: Registry = catalogue,
): { graph?: Graph; diagnostics: Diagnostic[] } {
  try {
    const { graph, diagnostics } = migrate(raw, registry);
    return graph ? { graph, diagnostics } : { diagnostics };
  } catch (error) {
    const message = `The graph could not be read (${error instanceof Error ? error.message : String(error)}).`;
    return { diagnostics: [{ severity: "error", code: "invalid-graph", message }] };
  }
}

function compileOrFail(
  raw: unknown,
  options: CompileOptions,
  diagnostics: Diagnostic[],
): Omit<CompileResult, "diagnostics"> {
  const registry = options.registry ?? catalogue;
  const migrated = migrate(raw, registry, { shared: true });
  diagnostics.push(...migrated.diagnostics);
  const graph = migrated.graph;
  if (!graph) return { ok: false };
  const flat = flatten(graph.nodes, graph.edges, graph.blocks, registry, diagnostics, migrated.types);
  const wired = wire(flat, diagnostics);
  if (hasErrors(diagnostics)) return { ok: false };
  const lowered = lower(wired, diagnostics);
  if (!lowered || hasErrors(diagnostics)) return { ok: false };
  const { plan, sourceMap, written } = lowered;

  if (plan.orders.length === 0 && !wired.nodes.types.some((type) => type.definition.order)) {
    diagnostics.push({
      severity: "warning",
      code: "no-order-node",
      message: "Nothing trades yet: add an Enter Long or Enter Short node.",
    });
  }
  const { dataLength } = options;
  if (dataLength !== undefined && plan.warmup >= dataLength) {
    diagnostics.push({
      severity: "warning",
      code: "warmup-exceeds-data",
      message: `The strategy needs ${plan.warmup} bars to warm up, but the data has ${dataLength} bars, so it can never trade. Use more data or shorter indicator periods.`,
    });
  }
  return { ok: true, plan, hash: planHash(plan, written), sourceMap };
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Errors before warnings; otherwise in the order found, which follows the graph. */
function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [
    ...diagnostics.filter((d) => d.severity === "error"),
    ...diagnostics.filter((d) => d.severity === "warning"),
  ];
}
