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
    const fastColumn = new ScratchColumn();
    const slowColumn = new ScratchColumn();
    const rawColumn = new ScratchColumn();
    const reading: Float64Array[] = [];
    const into: Float64Array[] = [];
    return {
      run([source], outputs, from, to) {
        const fastWma = fastColumn.reserve(to);
        const slowWma = slowColumn.reserve(to);
        const raw = rawColumn.reserve(to);
        reading[0] = source;
        into[0] = fastWma;
        fast.run(reading, into, from, to);
        into[0] = slowWma;
        slow.run(reading, into, from, to);
        for (let i = from; i < to; i++) raw[i] = 2 * fastWma[i] - slowWma[i];
        reading[0] = raw;
        smooth.run(reading, outputs, from, to);
      },
    };
  },
});
