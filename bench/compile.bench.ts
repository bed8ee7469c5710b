import { compile } from "@/engine-runtime/compiler/index";
import { chainGraph } from "@/engine-runtime/compiler/testing/graphs";
import type { Graph } from "@/nodes/core/graph";
import type { Benchmark, BenchRow } from "./harness";
import { medianSeconds } from "./harness";

/**
 * Two ways a graph reaches the compiler. The editor recompiles after every edit, and an edit
 * replaces only the edited node's params, so the compiler reuses what it parsed of the others; a
 * graph loaded from the database or a file is new to it throughout.
 */
function timings(graph: Graph, runs: number, warmups: number) {
  // A fresh copy per call: nothing about its params has been seen before.
  const copies = Array.from({ length: runs + warmups }, () => structuredClone(graph));
  let next = 0;
  const loaded = medianSeconds(() => compile(copies[next++]), runs, warmups);
  // Each call edits one indicator's period, as a trader typing in the inspector does.
  const edited = graph.nodes.findIndex((node) => typeof node.params.period === "number");
  let period = 10;
  const edit = () => {
    period = period === 10 ? 11 : 10;
    const nodes = graph.nodes.slice();
    nodes[edited] = { ...nodes[edited], params: { ...nodes[edited].params, period } };
    compile({ ...graph, nodes });
  };
  return { loaded, edited: medianSeconds(edit, runs, warmups) };
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
      // Enough warm-up runs for the JIT to optimise the compiler before the timed runs start.
      const { loaded, edited } = timings(graph, size > 1_000 ? 15 : 51, size > 1_000 ? 5 : 20);
      const nodes = size.toLocaleString("en");
      rows.push({
        case: `recompile a ${nodes}-node graph after one edit (chains of math and indicator nodes)`,
        unit: "ms",
        higherIsBetter: false,
        ours: { subject: "strata", value: edited * 1000 },
        target,
      });
      rows.push({
        case: `compile a ${nodes}-node graph just loaded (no node seen before)`,
        unit: "ms",
        higherIsBetter: false,
        ours: { subject: "strata", value: loaded * 1000 },
        target,
      });
    }
    return rows;
  },
};

export default benchmark;
