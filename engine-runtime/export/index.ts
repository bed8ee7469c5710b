import type { Graph } from "@/nodes/core/graph";
import { compile } from "../compiler/index";
import type { RunSettingsInput } from "../execution/settings";
import { generatePine } from "./pine/generate";
import { generatePython } from "./py/generate";
import { readGraphBlock } from "./shared/embed";
import {
  EXPORT_TARGETS,
  ExportError,
  type ExportSource,
  type ExportTarget,
  TARGET_NAMES,
} from "./shared/model";
import { generateJs } from "./ts/generate";

export { readGraphBlock } from "./shared/embed";
export { EXPORT_TARGETS, ExportError, type ExportSource, type ExportTarget, TARGET_NAMES };

/** The file name an export is saved under: JavaScript runs directly in Node as an ES module. */
export const TARGET_EXTENSIONS: Record<ExportTarget, string> = { ts: "mjs", py: "py", pine: "pine" };

export type ExportResult = { ok: true; code: string; fileName: string } | { ok: false; message: string };

/** Writes an already compiled plan in one target; throws ExportError for what the target cannot express. */
export function generate(
  target: ExportTarget,
  source: ExportSource,
  settings: RunSettingsInput = {},
): string {
  switch (target) {
    case "ts":
      return generateJs(source, settings);
    case "py":
      return generatePython(source, settings);
    case "pine":
      return generatePine(source, settings);
  }
}

/**
 * Compiles the graph and writes it in one target, with the graph embedded for import.
 * Never throws: a graph that does not compile, or an op the target lacks, comes back as a message.
 */
export function exportPlan(
  graph: Graph,
  target: ExportTarget,
  settings: RunSettingsInput = {},
): ExportResult {
  const compiled = compile(graph);
  if (!compiled.ok || !compiled.plan) {
    const errors = compiled.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    return { ok: false, message: `The strategy does not compile: ${errors.join(" ")}` };
  }
  try {
    const code = generate(
      target,
      { plan: compiled.plan, sourceMap: compiled.sourceMap, graph, hash: compiled.hash },
      settings,
    );
    return { ok: true, code, fileName: `${fileStem(graph)}.${TARGET_EXTENSIONS[target]}` };
  } catch (error) {
    if (error instanceof ExportError) return { ok: false, message: error.message };
    throw error;
  }
}

/** A file name from the strategy's name: lowercase ASCII words joined by dashes. */
export function fileStem(graph: Graph): string {
  const name = typeof graph.meta?.name === "string" ? graph.meta.name : "";
  const stem = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return stem || "strategy";
}

export type ImportResult = { ok: true; graph: Graph } | { ok: false; message: string };

/** Restores the graph embedded in an exported file, exactly as it was exported. */
export function importExport(file: string): ImportResult {
  const read = readGraphBlock(file);
  if (!read.ok) return read;
  const graph = read.graph as Graph;
  if (typeof graph !== "object" || graph === null || !Array.isArray((graph as Graph).nodes)) {
    return { ok: false, message: "The Strata graph block holds JSON that is not a strategy graph." };
  }
  return { ok: true, graph };
}
