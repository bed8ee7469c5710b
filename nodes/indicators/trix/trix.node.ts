import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { createEma } from "../ema/ema.node.ts";
import { ScratchColumn } from "../ema/scratch-column";

export const trix = defineNode({
  type: "indicators.trix",
  version: 1,
  title: "TRIX",
  category: "indicators",
  description:
    "TRIX: the one-bar rate of change, in percent, of a triple-smoothed EMA. Oscillates around zero; " +
    "crossing zero or its own signal line marks a change of momentum. A zero previous value gives 0, like TA-Lib.",
  reference: "TA-Lib TRIX",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "TRIX" }],
  params: z.object({
    period: z.number().int().min(1).max(100_000).default(30).describe("The period of the three EMAs."),
  }),
  warmup: ({ period }) => 3 * (period - 1) + 1,
  formula: { name: "trix", params: ["period"] },
  kernel: ({ period }, { start }) => {
    const emas = [0, 1, 2].map((level) => createEma(period, start + level * (period - 1)));
    const columns = [new ScratchColumn(), new ScratchColumn(), new ScratchColumn()];
    const first = start + 3 * (period - 1) + 1;
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
        const smoothed = reading[0];
        for (let i = from; i < to; i++) {
          if (i < first) {
            out[i] = Number.NaN;
            continue;
          }
          const previous = smoothed[i - 1];
          out[i] = previous !== 0.0 ? (smoothed[i] / previous - 1.0) * 100.0 : 0.0;
        }
      },
    };
  },
});
