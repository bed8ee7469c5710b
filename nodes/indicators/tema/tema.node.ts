import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { createEma } from "../ema/ema.node.ts";
import { ScratchColumn } from "../ema/scratch-column";

/** The TEMA computation for kernels that compose it (MA-type params). */
export function createTema(period: number, start: number): KernelInstance {
  const emas = [0, 1, 2].map((level) => createEma(period, start + level * (period - 1)));
  const columns = [new ScratchColumn(), new ScratchColumn(), new ScratchColumn()];
  const into: Float64Array[] = [];
  const reading: Float64Array[] = [];
  return {
    run([source], [out], from, to) {
      reading[0] = source;
      for (let level = 0; level < 3; level++) {
        into[0] = columns[level].reserve(to);
        emas[level].run(reading, into, from, to);
        reading[0] = into[0];
      }
      const e1 = columns[0].reserve(to);
      const e2 = columns[1].reserve(to);
      const e3 = columns[2].reserve(to);
      // TA-Lib's order of operations: e3 + (3·e1 − 3·e2); NaN through the warm-up via e3.
      for (let i = from; i < to; i++) out[i] = e3[i] + (3.0 * e1[i] - 3.0 * e2[i]);
    },
  };
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
