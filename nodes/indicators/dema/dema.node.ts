import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { createEma } from "../ema/ema.node.ts";
import { ScratchColumn } from "../ema/scratch-column";

/** The DEMA computation for kernels that compose it (MA-type params). */
export function createDema(period: number, start: number): KernelInstance {
  const first = createEma(period, start);
  const second = createEma(period, start + period - 1);
  const firstColumn = new ScratchColumn();
  const into: Float64Array[] = [];
  const reading: Float64Array[] = [];
  return {
    run([source], [out], from, to) {
      const e1 = firstColumn.reserve(to);
      reading[0] = source;
      into[0] = e1;
      first.run(reading, into, from, to);
      // The EMA of the EMA lands in the output (an EMA reads only the bars it is given), and the
      // DEMA replaces it there.
      reading[0] = e1;
      into[0] = out;
      second.run(reading, into, from, to);
      doubleExponential(e1, out, from, to);
    },
  };
}

/**
 * 2·e1 − e2 for bars [from, to), e2 read from and replaced in `out`; NaN through the warm-up via
 * e2.
 */
function doubleExponential(e1: Float64Array, out: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) out[i] = 2.0 * e1[i] - out[i];
}

export const dema = defineNode({
  type: "indicators.dema",
  version: 1,
  title: "DEMA",
  category: "indicators",
  description:
    "Double exponential moving average (Mulloy): 2·EMA − EMA(EMA). Cuts most of an EMA's lag while staying smooth. " +
    "The second EMA starts where the first has its first value, as in TA-Lib.",
  reference: "TA-Lib DEMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "DEMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(30).describe("The period of both EMAs."),
  }),
  warmup: ({ period }) => 2 * (period - 1),
  formula: { name: "dema", params: ["period"] },
  kernel: ({ period }, { start }) => createDema(period, start),
});
