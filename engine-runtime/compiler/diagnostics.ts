import type { z } from "zod";
import type { NodeDefinition } from "@/nodes/core/define";

export const DIAGNOSTIC_CODES = [
  "invalid-graph",
  "unsupported-version",
  "migration-failed",
  "unknown-node-type",
  "duplicate-id",
  "dangling-edge",
  "missing-input",
  "type-mismatch",
  "multiple-edges-into-input",
  "cycle",
  "invalid-param",
  "expansion-failed",
  "invalid-order",
  "unconnected-node",
  "no-order-node",
  "warmup-exceeds-data",
  "internal-error",
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  severity: "error" | "warning";
  code: DiagnosticCode;
  /** A sentence for the trader: what is wrong, where, and what to do. */
  message: string;
  nodeId?: string;
  port?: string;
  param?: string;
  edgeId?: string;
  /** 1-based column in a formula's text. */
  column?: number;
}

/** How a node is named in messages: its title and id, e.g. SMA “sma1”. */
export function nodeName(id: string, definition?: NodeDefinition): string {
  return definition ? `${definition.title} “${id}”` : `Node “${id}”`;
}

/** A zod path as a reader writes it: nodes[3].params.period. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** Zod's reason in the trader's words, e.g. "must be at least 2 (got 1)". */
export function explainIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const got = describeValue(issue.path.reduce<unknown>((value, key) => pick(value, key), input));
  switch (issue.code) {
    case "too_small": {
      const bound = String(issue.minimum);
      if (issue.origin === "string") return `must be at least ${bound} characters long (got ${got})`;
      if (issue.origin === "array") return `must have at least ${bound} items`;
      return `must be ${issue.inclusive ? "at least" : "more than"} ${bound} (got ${got})`;
    }
    case "too_big": {
      const bound = String(issue.maximum);
      if (issue.origin === "string") return `must be at most ${bound} characters long (got ${got})`;
      if (issue.origin === "array") return `must have at most ${bound} items`;
      return `must be ${issue.inclusive ? "at most" : "less than"} ${bound} (got ${got})`;
    }
    case "invalid_type":
      if (issue.expected === "int") return `must be a whole number (got ${got})`;
      return `must be ${article(issue.expected)} (got ${got})`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")} (got ${got})`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)} (got ${got})`;
    default:
      return `is not valid: ${issue.message}`;
  }
}

function pick(value: unknown, key: PropertyKey): unknown {
  return value !== null && typeof value === "object"
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    number: "a number",
    string: "text",
    boolean: "true or false",
    object: "an object",
    array: "a list",
  };
  return words[expected] ?? `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : String(value);
}
