import type { NodeDefinition } from "@/nodes/core/define";
import { columnsOf } from "@/nodes/core/ports";
import type { Registry } from "@/nodes/core/registry";
import { hashLane, hashText, startHash } from "./hash";
import { NumberTable } from "./numbers";
import { type ParamRules, readParamRules } from "./params";
import { type PriceRule, priceRuleOf } from "./units";

/**
 * What the compiler reads of a node type again and again, worked out once per definition: a
 * 10,000-node graph repeats a handful of types, and looking each fact up by definition on every
 * node costs more than the rest of a pass.
 */
export interface NodeType {
  readonly definition: NodeDefinition;
  /** The names of the input and output ports, in port order (see portNumber). */
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Inputs that must be connected whatever the params: not optional and without a fallback param. */
  readonly required: ReadonlySet<string>;
  /** Where each output port's columns start among the node's output columns; the last entry is their count. */
  readonly outputOffsets: Int32Array;
  readonly outputColumns: number;
  /** "indicators.sma@1|": a step's head starts with it, then its canonical params and "|". */
  readonly opKey: string;
  /** The two lanes of the hash of `opKey`, from which the hash of a head goes on. */
  readonly opKeyLaneA: number;
  readonly opKeyLaneB: number;
  /**
   * The schema's keys in code-unit order, each with its quoted form and colon: a parse holds no
   * other keys, so its canonical JSON is written from these. Null when the schema keeps unknown keys.
   */
  readonly sortedParams: readonly { name: string; quoted: string }[] | null;
  /**
   * When the schema has one key: its name, and the canonical JSON of the params and the hash of
   * the head kept by the key's value when a number (a period, an amount). Graphs repeat such
   * values, so a graph new to the compiler mostly finds them here.
   */
  readonly soleParam: string | undefined;
  readonly headsByValue: NumberTable<HeadText>;
  /** The plot titles ("SMA(20)") of such params, by value. */
  readonly titlesByValue: NumberTable<string>;
  /** The keys the params schema reads, in schema order. */
  readonly paramNames: readonly string[];
  /** Per param (in schema order), the inputs it stands in for when they are not connected. */
  readonly fallbackInputs: readonly (readonly number[])[];
  /** How the params are checked without zod, or null when zod checks them. */
  readonly paramRules: ParamRules | null;
  /** Indicator and math series are drawn; data, logic and order nodes are not. */
  readonly plotted: boolean;
  /** "SMA(": a plot's label starts so when it shows numbers. */
  readonly labelStart: string;
  readonly priceRule: PriceRule;
}

/** A head's canonical params and the two lanes of the hash of its text (see lower.ts). */
export interface HeadText {
  json: string;
  laneA: number;
  laneB: number;
}

/**
 * Values kept per type at most (headsByValue, titlesByValue); then they are forgotten and kept
 * anew. A graph has a few hundred at most; the 10,000-node benchmark has 2,500 of one type.
 */
const VALUES_KEPT = 4096;

const types = new WeakMap<NodeDefinition, NodeType>();

/** The facts of a definition, worked out on first use. */
export function nodeType(definition: NodeDefinition): NodeType {
  let type = types.get(definition);
  if (!type) {
    const { inputs, outputs } = definition;
    const paramNames = Object.keys(definition.params.shape);
    const opKey = `${definition.type}@${definition.version}|`;
    startHash();
    hashText(opKey);
    const keepsUnknownKeys = (definition.params as unknown as { _zod: { def: { catchall?: unknown } } })._zod
      .def.catchall;
    // A key Object.prototype has would read as its method where the parse lacks it.
    const sortedParams =
      keepsUnknownKeys === undefined && !paramNames.some((name) => name in Object.prototype)
        ? [...paramNames].sort().map((name) => ({ name, quoted: `${JSON.stringify(name)}:` }))
        : null;
    const outputOffsets = new Int32Array(outputs.length + 1);
    for (let p = 0; p < outputs.length; p++)
      outputOffsets[p + 1] = outputOffsets[p] + columnsOf(outputs[p].type);
    type = {
      definition,
      inputNames: inputs.map((port) => port.name),
      outputNames: outputs.map((port) => port.name),
      required: new Set(
        inputs.filter((p) => !p.optional && p.fallbackParam === undefined).map((p) => p.name),
      ),
      outputOffsets,
      outputColumns: outputOffsets[outputs.length],
      opKey,
      opKeyLaneA: hashLane(0),
      opKeyLaneB: hashLane(1),
      sortedParams,
      soleParam: sortedParams?.length === 1 ? sortedParams[0].name : undefined,
      headsByValue: new NumberTable(VALUES_KEPT),
      titlesByValue: new NumberTable(VALUES_KEPT),
      paramNames,
      fallbackInputs: paramNames.map((name) =>
        inputs.flatMap((port, i) => (port.fallbackParam && port.fallbackParam === name ? [i] : [])),
      ),
      paramRules: readParamRules(definition),
      plotted: definition.category === "indicators" || definition.category === "math",
      labelStart: `${definition.title}(`,
      priceRule: priceRuleOf(definition.type),
    };
    types.set(definition, type);
  }
  return type;
}

/**
 * The number of the port named `name` among `names`, or -1. A scan rather than a Map: a node has
 * a few ports, and comparing an edge's handle with each costs less than hashing it, which the
 * engine does anew for every handle of a graph just read.
 */
export function portNumber(names: readonly string[], name: string): number {
  for (let p = 0; p < names.length; p++) if (names[p] === name) return p;
  return -1;
}

export type TypeLookup = { ok: true; type: NodeType } | { ok: false; reason: string };

const byRegistry = new WeakMap<Registry, Map<string, TypeLookup>>();

/**
 * registry.lookup with each known type's facts: the answers for a registry, made once (a registry
 * never changes). The compiler asks for every node of the graph twice (to migrate it, then to
 * flatten it), so callers keep the table for the whole graph.
 */
export function typeTable(registry: Registry): (type: string) => TypeLookup {
  let found = byRegistry.get(registry);
  if (!found) {
    found = new Map();
    for (const definition of registry.definitions)
      found.set(definition.type, { ok: true, type: nodeType(definition) });
    byRegistry.set(registry, found);
  }
  const known = found;
  return (type) => {
    const answer = known.get(type);
    if (answer) return answer;
    const lookup = registry.lookup(type);
    return lookup.ok ? { ok: true, type: nodeType(lookup.definition) } : lookup;
  };
}
