import type { NodeDefinition } from "@/nodes/core/define";

/**
 * A node's params as its schema parsed them, remembered by the graph's own params object. The
 * canvas compiles the graph again on every edit and an edit leaves the other nodes' params
 * objects as they were, so most nodes skip their schema, the canonical JSON of their params and
 * the hash of their head.
 *
 * A remembered parse is used only for the same definition while the object holds the same values:
 * as many enumerable keys, and the same value under each key of the schema. So a params object
 * changed in place is parsed again. Only params whose keys are all keys of the schema, and whose
 * values (none undefined) and parse are all primitives, are remembered (each compile gets its own copy of the
 * parse); a schema must be a function of the params alone, as every node's is.
 */
export interface ParsedParams {
  definition: NodeDefinition;
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
}

const remembered = new WeakMap<object, ParsedParams>();

/** The remembered parse of `raw` by `definition`, if it still holds. */
export function recallParams(
  raw: Record<string, unknown>,
  definition: NodeDefinition,
): ParsedParams | undefined {
  const entry = remembered.get(raw);
  if (!entry || entry.definition !== definition) return undefined;
  let keyCount = 0;
  for (const _ in raw) keyCount++;
  if (keyCount !== entry.keyCount) return undefined;
  const names = schemaKeys(definition);
  const { schemaValues } = entry;
  for (let n = 0; n < names.length; n++) if (!Object.is(raw[names[n]], schemaValues[n])) return undefined;
  return entry;
}

/** Remembers that `definition` parsed `raw` into `parsed`, when both are plain enough (see ParsedParams). */
export function rememberParams(
  raw: Record<string, unknown>,
  definition: NodeDefinition,
  parsed: Record<string, unknown>,
): ParsedParams | undefined {
  for (const key in parsed) if (!isPrimitive(parsed[key])) return undefined;
  const names = schemaKeys(definition);
  let keyCount = 0;
  for (const key in raw) {
    if (!names.includes(key) || raw[key] === undefined) return undefined;
    keyCount++;
  }
  const schemaValues = names.map((name) => raw[name]);
  if (!schemaValues.every(isPrimitive)) return undefined;
  const entry: ParsedParams = {
    definition,
    keyCount,
    schemaValues,
    parsed: { ...parsed },
    json: undefined,
    headLaneA: 0,
    headLaneB: 0,
  };
  remembered.set(raw, entry);
  return entry;
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

const schemaKeysCache = new WeakMap<NodeDefinition, string[]>();

/** The keys a definition's params schema reads, in schema order. */
export function schemaKeys(definition: NodeDefinition): string[] {
  let names = schemaKeysCache.get(definition);
  if (!names) {
    names = Object.keys(definition.params.shape);
    schemaKeysCache.set(definition, names);
  }
  return names;
}
