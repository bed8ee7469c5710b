import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { ScratchColumn } from "../ema/scratch-column";
import { createWma } from "../wma/wma.node.ts";

export const hma = defineNode({
  type: "indicators.hma",
  version: 1,
  title: "HMA (Hull)",
  category: "indicators",
  description:
    "Hull moving average (Alan Hull, 2005): WMA(2·WMA(n/2) − WMA(n), √n), with n/2 and √n rounded down. " +
    "Very little lag and still smooth; popular for trend direction.",
  reference: "Alan Hull's published definition; checked against Tulip Indicators `hma` and TA-Lib WMA",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "HMA" }],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(9).describe("The period n of the long WMA."),
  }),
  warmup: ({ period }) => period - 1 + Math.floor(Math.sqrt(period)) - 1,
  formula: { name: "hma", params: ["period"] },
  kernel: ({ period }, { start }) => {
    const fast = createWma(Math.floor(period / 2), start);
    const slow = createWma(period, start);
    const smooth = createWma(Math.floor(Math.sqrt(period)), start + period - 1);
    // The raw series is read again by the smoothing WMA, so it has a column of our own; the slow
    // WMA lands there and is replaced by it, the fast one lands in the output (a WMA reads only
    // its source's history, never its own).
    const rawColumn = new ScratchColumn();
    const reading: Float64Array[] = [];
    const into: Float64Array[] = [];
    return {
      run([source], outputs, from, to) {
        const raw = rawColumn.reserve(to);
        reading[0] = source;
        fast.run(reading, outputs, from, to);
        into[0] = raw;
        slow.run(reading, into, from, to);
        hullRaw(outputs[0], raw, from, to);
        reading[0] = raw;
        smooth.run(reading, outputs, from, to);
      },
    };
  },
});

/**
 * 2·fast − slow for bars [from, to), the slow WMA read from and replaced in `raw`.
 */
function hullRaw(fast: Float64Array, raw: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) raw[i] = 2 * fast[i] - raw[i];
}
