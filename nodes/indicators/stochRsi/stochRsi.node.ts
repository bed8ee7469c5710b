import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { ScratchColumn } from "../ema/scratch-column";
import { wilderOscillator } from "../rsi/rsi.node.ts";
import { fastStochastic } from "../stochf/stochf.node.ts";

export const stochRsi = defineNode({
  type: "indicators.stochRsi",
  version: 1,
  title: "Stochastic RSI",
  category: "indicators",
  description:
    "Stochastic RSI: the fast stochastic applied to RSI instead of price, so %K shows where RSI sits in its own recent range (0 to 100). Turns sooner than RSI; %D is its simple average.",
  reference: "TA-Lib STOCHRSI (SMA for %D)",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [
    { name: "k", type: "series", label: "%K" },
    { name: "d", type: "series", label: "%D" },
  ],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(14).describe("How many bars the RSI spans."),
    kPeriod: z.number().int().min(1).max(100_000).default(5).describe("How many RSI values the range spans."),
    dPeriod: z.number().int().min(1).max(100_000).default(3).describe("How many %K values %D averages."),
  }),
  warmup: ({ period, kPeriod, dPeriod }) => period + kPeriod - 1 + dPeriod - 1,
  kernel: ({ period, kPeriod, dPeriod }, { start }) => {
    const rsi = wilderOscillator(period, start, "rsi");
    const stochastic = fastStochastic(kPeriod, dPeriod, start + period);
    // RSI history lives in a column of our own because the stochastic rescans it.
    const rsiColumn = new ScratchColumn();
    const rsiColumns: Float64Array[] = [];
    const stochasticInputs: Float64Array[] = [];
    return {
      run(inputs, outputs, from, to) {
        const column = rsiColumn.reserve(to);
        rsiColumns[0] = column;
        for (let c = 0; c < 6; c++) stochasticInputs[c] = column;
        rsi.run(inputs, rsiColumns, from, to);
        stochastic.run(stochasticInputs, outputs, from, to);
      },
    };
  },
});
