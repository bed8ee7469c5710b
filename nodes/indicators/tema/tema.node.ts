import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { createEma } from "../ema/ema.node.ts";
import { ScratchColumn } from "../ema/scratch-column";

/** The TEMA computation for kernels that compose it (MA-type params). */
export function createTema(period: number, start: number): KernelInstance {
  const emas = [0, 1, 2].map((level) => createEma(period, start + level * (period - 1)));
  const firstColumn = new ScratchColumn();
  const secondColumn = new ScratchColumn();
  const into: Float64Array[] = [];
  const reading: Float64Array[] = [];
  return {
    run([source], [out], from, to) {
      const e1 = firstColumn.reserve(to);
      const e2 = secondColumn.reserve(to);
      reading[0] = source;
      into[0] = e1;
      emas[0].run(reading, into, from, to);
      reading[0] = e1;
      into[0] = e2;
      emas[1].run(reading, into, from, to);
      // The third EMA lands in the output (an EMA reads only the bars it is given), and the TEMA
      // replaces it there.
      reading[0] = e2;
      into[0] = out;
      emas[2].run(reading, into, from, to);
      tripleExponential(e1, e2, out, from, to);
    },
  };
}

/**
 * e3 + (3·e1 − 3·e2) for bars [from, to) in TA-Lib's order of operations, e3 read from and
 * replaced in `out`; NaN through the warm-up via e3.
 */
function tripleExponential(
  e1: Float64Array,
  e2: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) out[i] = out[i] + (3.0 * e1[i] - 3.0 * e2[i]);
}

export const tema = defineNode({
  type: "indicators.tema",
  version: 1,
  title: "TEMA",
  category: "indicators",
  description:
    "Triple exponential moving average (Mulloy): 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)). Less lag than DEMA. " +
    "Each EMA starts where the one it smooths has its first value, as in TA-Lib.",
  reference: "TA-Lib TEMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "TEMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(30).describe("The period of the three EMAs."),
  }),
  warmup: ({ period }) => 3 * (period - 1),
  formula: { name: "tema", params: ["period"] },
  kernel: ({ period }, { start }) => createTema(period, start),
});
