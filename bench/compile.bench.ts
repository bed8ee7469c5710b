import { compile } from "@/engine-runtime/compiler/index";
import type { Graph } from "@/nodes/core/graph";
import type { Benchmark, BenchRow } from "./harness";
import { medianSeconds } from "./harness";

/** Chain links, cycled: each takes the previous node's value; params vary so nothing merges. */
const LINKS = [
  { type: "indicators.sma", input: "source", params: (k: number) => ({ period: 2 + (k % 50) }) },
  { type: "math.add", input: "a", params: (k: number) => ({ value: k }) },
  { type: "math.rollingMean", input: "x", params: (k: number) => ({ period: 1 + (k % 30) }) },
  { type: "math.multiply", input: "a", params: (k: number) => ({ value: 1 + k / 1000 }) },
];

/** A strategy of `size` nodes: a price feed, chains of 50 math and indicator nodes, and one crossing that trades. */
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

const benchmark: Benchmark = {
  name: "compile",
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    for (const [size, target] of [
      [1_000, "≤ 2 ms"],
      [10_000, "≤ 20 ms"],
    ] as const) {
      const graph = chainGraph(size);
      const check = compile(graph);
      if (!check.ok)
        throw new Error(
          `The ${size}-node benchmark graph does not compile: ${check.diagnostics[0]?.message}`,
        );
      const seconds = medianSeconds(() => compile(graph), size > 1_000 ? 9 : 25, 5);
      rows.push({
        case: `compile a ${size.toLocaleString("en")}-node graph (chains of math and indicator nodes)`,
        unit: "ms",
        higherIsBetter: false,
        ours: { subject: "strata", value: seconds * 1000 },
        target,
      });
    }
    return rows;
  },
};

export default benchmark;
