import type { NodeDefinition } from "@/nodes/core/define";
import type { NodeType } from "./definitions";

/**
 * A top-level node's params as its schema parsed them, remembered from one compile to the next.
 * The canvas compiles the graph again on every edit and an edit leaves the other nodes' params
 * objects as they were, so most nodes skip their schema, the canonical JSON of their params and
 * the hash of their head.
 *
 * A remembered parse is used only for the same params object, of a node of the same type, while
 * the object holds the same values: as many enumerable keys, and the same value under each key of
 * the schema. So a params object changed in place is parsed again. Only params whose keys are all
 * keys of the schema, and whose values (none undefined) and parse are all primitives, are
 * remembered; a schema must be a function of the params alone, as every node's is. The parse is
 * shared by every compile that recalls it, so it is never changed: each compile works on a copy.
 */
export interface ParsedParams {
  type: NodeType;
  /** How many enumerable keys the params had when parsed. */
  keyCount: number;
  /** The params' value under each key of the schema when parsed. */
  schemaValues: unknown[];
  parsed: Record<string, unknown>;
  /** canonicalJson(parsed), once the lowering has written it. */
  json: string | undefined;
  /** The two lanes of the hash of the node's head, valid once `json` is written. */
  headLaneA: number;
  headLaneB: number;
  /** The title of the node's plots ("SMA(20)"), once written, with the params it left out (see plots.ts). */
  title: string | undefined;
  titleUnused: number;
}

/*
 * The parses are remembered by the node's place among the graph's top-level nodes, not in a
 * WeakMap by params object: filling a WeakMap with 10,000 new keys costs more than parsing them.
 * An edit keeps every other node at its place, or moves the nodes after it by one place when it
 * adds or deletes a node, so a node is looked for at its place in the last compile shifted as the
 * nodes before it were, or one place either side. A node whose params object is not there is
 * parsed again.
 *
 * A params object is remembered only from its second compile on: remembering costs a record per
 * node, which a graph just loaded (and maybe never compiled again) would pay for nothing. The last
 * compile's params objects are held until the next compile.
 */
let lastParams: unknown[] = [];
let lastParses: (ParsedParams | undefined)[] = [];
let nextParams: unknown[] = [];
let nextParses: (ParsedParams | undefined)[] = [];
/** How many places later than in this compile the last node recalled sat in the last compile. */
let shift = 0;

/**
 * Starts a compile's walk over its `count` top-level nodes (recallParams and keepParams, in order
 * of place). The arrays are cleared, not made anew, so a graph of the same size reuses them.
 */
export function startParamsWalk(count: number): void {
  nextParams.length = count;
  nextParams.fill(undefined);
  nextParses.length = count;
  nextParses.fill(undefined);
  shift = 0;
}

/** Ends the walk: what it kept is what the next compile recalls. */
export function endParamsWalk(): void {
  [lastParams, nextParams] = [nextParams, lastParams];
  [lastParses, nextParses] = [nextParses, lastParses];
}

/** The result of recallParams when the last compile did not see the params object. */
export const UNSEEN = null;

/**
 * The remembered parse of the params of the top-level node at `place` if it still holds;
 * undefined when the last compile saw this params object but has no parse of it that holds, and
 * UNSEEN when it did not see the object.
 */
export function recallParams(
  place: number,
  raw: Record<string, unknown>,
  type: NodeType,
): ParsedParams | undefined | typeof UNSEEN {
  let last = place + shift;
  if (lastParams[last] !== raw) {
    if (lastParams[last + 1] === raw) last++;
    else if (lastParams[last - 1] === raw) last--;
    else return UNSEEN;
    shift = last - place;
  }
  const entry = lastParses[last];
  if (!entry || entry.type !== type) return undefined;
  let keyCount = 0;
  for (const _ in raw) keyCount++;
  if (keyCount !== entry.keyCount) return undefined;
  const names = type.paramNames;
  const { schemaValues } = entry;
  for (let n = 0; n < names.length; n++) if (!Object.is(raw[names[n]], schemaValues[n])) return undefined;
  return entry;
}

/** Keeps the params of the top-level node at `place`, with their parse when it is remembered, for the next compile. */
export function keepParams(
  place: number,
  raw: Record<string, unknown>,
  parse: ParsedParams | undefined,
): void {
  nextParams[place] = raw;
  nextParses[place] = parse;
}

/** The parse to remember of `raw`, when both are plain enough (see ParsedParams). */
export function rememberedParse(
  raw: Record<string, unknown>,
  type: NodeType,
  parsed: Record<string, unknown>,
): ParsedParams | undefined {
  for (const key in parsed) if (!isPrimitive(parsed[key])) return undefined;
  const names = type.paramNames;
  const schemaValues: unknown[] = new Array(names.length);
  for (let n = 0; n < names.length; n++) {
    schemaValues[n] = raw[names[n]];
    if (!isPrimitive(schemaValues[n])) return undefined;
  }
  let keyCount = 0;
  for (const key in raw) {
    if (raw[key] === undefined || !includes(names, key)) return undefined;
    keyCount++;
  }
  return {
    type,
    keyCount,
    schemaValues,
    parsed,
    json: undefined,
    headLaneA: 0,
    headLaneB: 0,
    title: undefined,
    titleUnused: 0,
  };
}

function includes(names: readonly string[], key: string): boolean {
  for (let n = 0; n < names.length; n++) if (names[n] === key) return true;
  return false;
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

/*
 * Params checked without zod. Nearly every node's params are numbers with bounds, choices from a
 * list, text or switches, each with a default, and zod's general machinery costs more than the
 * rest of the compile on a graph new to the compiler. For such a schema the same rules are
 * checked here; params that pass come out as zod would give them, key for key in schema order.
 * Anything else (a value that fails a rule, a schema with a rule not read here) goes to zod,
 * which decides and words the diagnostics.
 */

/** A bound on a number: a zod greater_than or less_than check. */
interface Bound {
  lower: boolean;
  value: number;
  inclusive: boolean;
}

type Rule =
  | { kind: "number"; integer: boolean; bounds: Bound[] }
  | { kind: "choice"; values: ReadonlySet<unknown> }
  | { kind: "text"; min: number; max: number }
  | { kind: "switch" };

interface Field {
  rule: Rule;
  /** The zod default's definition, whose defaultValue stands in for a missing value; none when the key is required. */
  fallback: { readonly defaultValue: unknown } | undefined;
}

/** zod internals read here; anything not in this form makes a schema zod's alone. */
interface ZodInternals {
  _zod: {
    def: {
      type: string;
      checks?: readonly { _zod: { def: Record<string, unknown> } }[];
      innerType?: ZodInternals;
      entries?: Record<string, unknown>;
      catchall?: unknown;
      coerce?: boolean;
      format?: unknown;
      shape?: Record<string, ZodInternals>;
    };
  };
}

/** How each key of a schema is checked, in schema order. */
export type ParamRules = readonly Field[];

/** How each key of the definition's params is checked, or null when zod must check them all. */
export function readParamRules(definition: NodeDefinition): ParamRules | null {
  const def = (definition.params as unknown as ZodInternals)._zod.def;
  if (def.type !== "object" || def.catchall !== undefined || (def.checks?.length ?? 0) > 0 || !def.shape)
    return null;
  const fields: Field[] = [];
  for (const key of Object.keys(def.shape)) {
    if (key === "__proto__") return null;
    let inner = def.shape[key];
    let fallback: Field["fallback"];
    if (inner._zod.def.type === "default") {
      if ((inner._zod.def.checks?.length ?? 0) > 0) return null;
      fallback = inner._zod.def as unknown as Field["fallback"];
      inner = inner._zod.def.innerType!;
    }
    const rule = readRule(inner);
    if (!rule) return null;
    fields.push({ rule, fallback });
  }
  if (Object.getOwnPropertySymbols(def.shape).length > 0) return null;
  return fields;
}

function readRule(schema: ZodInternals): Rule | undefined {
  const def = schema._zod.def;
  if (def.coerce || def.format !== undefined) return undefined;
  const checks = def.checks ?? [];
  switch (def.type) {
    case "number": {
      const rule: Rule = { kind: "number", integer: false, bounds: [] };
      for (const { _zod } of checks) {
        const check = _zod.def;
        if (check.when !== undefined) return undefined;
        if (check.check === "number_format" && check.format === "safeint") rule.integer = true;
        else if (
          (check.check === "greater_than" || check.check === "less_than") &&
          typeof check.value === "number" &&
          typeof check.inclusive === "boolean"
        )
          rule.bounds.push({
            lower: check.check === "greater_than",
            value: check.value,
            inclusive: check.inclusive,
          });
        else return undefined;
      }
      return rule;
    }
    case "enum": {
      const values = Object.values(def.entries ?? {});
      if (checks.length > 0 || !values.every((value) => typeof value === "string")) return undefined;
      return { kind: "choice", values: new Set(values) };
    }
    case "string": {
      let min = 0;
      let max = Number.POSITIVE_INFINITY;
      for (const { _zod } of checks) {
        const check = _zod.def;
        const when = check.when as ((payload: { value: unknown }) => boolean) | undefined;
        // A length check runs on any value with a length: a string here.
        if (when !== undefined && !when({ value: "" })) return undefined;
        if (check.check === "min_length" && typeof check.minimum === "number")
          min = Math.max(min, check.minimum);
        else if (check.check === "max_length" && typeof check.maximum === "number")
          max = Math.min(max, check.maximum);
        else return undefined;
      }
      return { kind: "text", min, max };
    }
    case "boolean":
      return checks.length === 0 ? { kind: "switch" } : undefined;
    default:
      return undefined;
  }
}

function passes(rule: Rule, value: unknown): boolean {
  switch (rule.kind) {
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return false;
      if (rule.integer && !Number.isSafeInteger(value)) return false;
      const { bounds } = rule;
      for (let b = 0; b < bounds.length; b++) {
        const { lower, value: bound, inclusive } = bounds[b];
        const inside = lower
          ? inclusive
            ? value >= bound
            : value > bound
          : inclusive
            ? value <= bound
            : value < bound;
        if (!inside) return false;
      }
      return true;
    }
    case "choice":
      return rule.values.has(value);
    case "text":
      // zod counts code points, one or two UTF-16 units each: these lengths leave no doubt.
      return typeof value === "string" && value.length >= 2 * rule.min && value.length <= rule.max;
    case "switch":
      return typeof value === "boolean";
  }
}

/**
 * `raw` parsed by the node type's schema when every value is plainly valid; undefined when zod
 * must decide (a value is invalid, or the schema is not plain).
 */
export function quickParse(
  raw: Record<string, unknown>,
  type: NodeType,
): Record<string, unknown> | undefined {
  const fields = type.paramRules;
  if (fields === null) return undefined;
  const names = type.paramNames;
  const parsed: Record<string, unknown> = {};
  for (let n = 0; n < names.length; n++) {
    const field = fields[n];
    const value = raw[names[n]];
    if (value === undefined && field.fallback) {
      const fallback = field.fallback.defaultValue;
      if (!isPrimitive(fallback)) return undefined;
      parsed[names[n]] = fallback;
    } else if (passes(field.rule, value)) parsed[names[n]] = value;
    else return undefined;
  }
  return parsed;
}
