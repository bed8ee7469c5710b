import type { NodeDefinition } from "@/nodes/core/define";
import type { Graph } from "@/nodes/core/graph";
import type { PortType } from "@/nodes/core/ports";

/** Chain links, cycled: each takes the previous node's value; params vary so nothing merges. */
const LINKS = [
  { type: "indicators.sma", input: "source", params: (k: number) => ({ period: 2 + (k % 50) }) },
  { type: "math.add", input: "a", params: (k: number) => ({ value: k }) },
  { type: "math.rollingMean", input: "x", params: (k: number) => ({ period: 1 + (k % 30) }) },
  { type: "math.multiply", input: "a", params: (k: number) => ({ value: 1 + k / 1000 }) },
];

/**
 * A strategy of `size` nodes: a price feed, chains of 50 math and indicator nodes, and one
 * crossing that trades. The compile benchmark's graph, and a golden-hash case.
 */
export function chainGraph(size: number): Graph {
  const nodes: Graph["nodes"] = [
    { id: "price", type: "data.priceFeed", typeVersion: 1, params: {}, position: { x: 0, y: 0 } },
    { id: "cross", type: "logic.crossesAbove", typeVersion: 1, params: {}, position: { x: 0, y: 0 } },
    { id: "buy", type: "orders.enterLong", typeVersion: 1, params: {}, position: { x: 0, y: 0 } },
  ];
  const edges: Graph["edges"] = [];
  const link = (source: string, target: string, targetHandle: string) =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle: "value", target, targetHandle });
  let previous = "price";
  for (let k = 0; nodes.length < size; k++) {
    if (k % 50 === 0) previous = "price";
    const spec = LINKS[k % LINKS.length];
    const id = `n${k}`;
    nodes.push({ id, type: spec.type, typeVersion: 1, params: spec.params(k), position: { x: k, y: 0 } });
    link(previous, id, spec.input);
    if (k === 49) link(id, "cross", "a");
    if (k === 99) link(id, "cross", "b");
    previous = id;
  }
  edges.push({ id: "trade", source: "cross", sourceHandle: "result", target: "buy", targetHandle: "when" });
  return { version: 1, nodes, edges, blocks: {}, meta: {} };
}

/** A small seeded generator (mulberry32): the same seed gives the same graphs on every machine. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARAM_VALUES: readonly unknown[] = [
  1,
  2,
  3,
  5,
  9,
  14,
  20,
  0,
  -3,
  2.5,
  0.1,
  "close",
  "open",
  "volume",
  "limit",
  "percent",
  "SPY",
  "1h",
  ">",
  "x",
  "",
  true,
  null,
];

const EXPRESSIONS = [
  "close - sma(close, 20)",
  "(close - sma(close, 20)) / stdev(close, 20)",
  "ema(x, 12) - ema(x, 26)",
  "x * 2 + y",
  "rsi(close, 14) > 70",
  "close - ",
  "max(high, 3) / min(low, 3)",
  "abs(x - y) * 100",
];

const LABELS = ["Fast", "Slow", "Trend ↑", "Entrée", "📈 signal", 'a"quote', "tab\tlabel"];

/**
 * A random graph over the given node types, reproducible from `seed`. Most are clean (well-typed
 * edges from earlier nodes, params the schema accepts); the rest also get wrong types, loops,
 * dangling ends, duplicate ids, invalid params and unknown types, so both plans and diagnostics
 * are exercised.
 */
export function randomGraph(seed: number, definitions: readonly NodeDefinition[]): Graph {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const broken = random() < 0.35;
  const fault = (p: number) => broken && random() < p;
  const count = 1 + Math.floor(random() * 24);
  const nodes: Graph["nodes"] = [
    { id: "price", type: "data.priceFeed", typeVersion: 1, params: {}, position: { x: 0, y: 0 } },
  ];
  const kinds = [definitions.find((d) => d.type === "data.priceFeed")!];
  const edges: Graph["edges"] = [];
  for (let k = 0; k < count; k++) {
    const definition = pick(definitions);
    const params: Record<string, unknown> = {};
    for (const name of Object.keys(definition.params.shape)) {
      if (name === "expression") params[name] = pick(broken ? EXPRESSIONS : EXPRESSIONS.slice(0, 5));
      else if (random() < 0.3) params[name] = pick(PARAM_VALUES);
      if (!broken && !definition.params.safeParse(params).success) delete params[name];
    }
    const id = fault(0.04) ? pick(nodes).id : `n${k}`;
    const wires: Graph["edges"] = [];
    let complete = true;
    for (const input of definition.inputs) {
      if (fault(0.1) || (input.optional && random() < 0.5)) continue;
      const candidates: [string, string][] = [];
      for (let j = 0; j < kinds.length; j++) {
        for (const output of kinds[j].outputs) {
          if (fits(output.type, input.type) || fault(0.03)) candidates.push([nodes[j].id, output.name]);
        }
      }
      if (candidates.length === 0) {
        complete &&= input.optional === true;
        continue;
      }
      let [source, sourceHandle] = pick(candidates);
      if (fault(0.04)) source = id;
      if (fault(0.03)) source = "ghost";
      wires.push({ id: "", source, sourceHandle, target: id, targetHandle: input.name });
    }
    if (!complete && !broken) continue;
    for (const wire of wires)
      edges.push({ ...wire, id: fault(0.03) ? (pick(edges)?.id ?? "e") : `e${edges.length}` });
    nodes.push({
      id,
      type: fault(0.04) ? `${definition.type}s` : definition.type,
      typeVersion: definition.version,
      params,
      position: { x: k, y: random() * 100 },
      ...(random() < 0.1 ? { label: pick(LABELS) } : {}),
    });
    kinds.push(definition);
  }
  return { version: 1, nodes, edges, blocks: {}, meta: { name: `random ${seed}` } };
}

/** What judgeConnection accepts, restated so the generator aims for valid edges on purpose. */
function fits(from: PortType, to: PortType): boolean {
  return (
    from === to ||
    (from === "scalar" && (to === "series" || to === "bool")) ||
    (from === "bool" && to === "series")
  );
}
