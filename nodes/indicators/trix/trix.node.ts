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
    // The first EMA lands in the output (an EMA reads only the bars it is given), which the rate
    // of change replaces after; the last is read a bar back, so it keeps a column of our own.
    const secondColumn = new ScratchColumn();
    const thirdColumn = new ScratchColumn();
    const first = start + 3 * (period - 1) + 1;
    const into: Float64Array[] = [];
    const reading: Float64Array[] = [];
    return {
      run([source], [out], from, to) {
        const e2 = secondColumn.reserve(to);
        const e3 = thirdColumn.reserve(to);
        reading[0] = source;
        into[0] = out;
        emas[0].run(reading, into, from, to);
        reading[0] = out;
        into[0] = e2;
        emas[1].run(reading, into, from, to);
        reading[0] = e2;
        into[0] = e3;
        emas[2].run(reading, into, from, to);
        rateOfChange(e3, out, from, to, first);
      },
    };
  },
});

/**
 * The one-bar percent change of the triple EMA for bars [from, to); NaN before `first`, 0 from a
 * zero.
 */
function rateOfChange(
  smoothed: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  first: number,
): void {
  let i = from;
  for (; i < to && i < first; i++) out[i] = Number.NaN;
  for (; i < to; i++) {
    const previous = smoothed[i - 1];
    out[i] = previous !== 0.0 ? (smoothed[i] / previous - 1.0) * 100.0 : 0.0;
  }
}
