import { compile } from "@/engine-runtime/compiler/index";
import { chainGraph } from "@/engine-runtime/compiler/testing/graphs";
import type { Benchmark, BenchRow } from "./harness";
import { medianSeconds } from "./harness";

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
      const seconds = medianSeconds(() => compile(graph), size > 1_000 ? 15 : 51, size > 1_000 ? 5 : 20);
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
