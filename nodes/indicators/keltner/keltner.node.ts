import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { averageTrueRange } from "../atr/atr.node.ts";
import { createEma } from "../ema/ema.node.ts";

export const keltner = defineNode({
  type: "indicators.keltner",
  version: 1,
  title: "Keltner Channels",
  category: "indicators",
  description:
    "Keltner Channels: an EMA of the close with bands `multiplier` × ATR above and below. Price riding a band signals a strong trend; a close outside the channel is a breakout signal. The EMA and the ATR are TA-Lib's.",
  reference:
    "Linda Raschke's modern Keltner Channels as published in StockCharts ChartSchool: EMA(20) of close ± 2 × ATR(10); TA-Lib has none; checked against TA-Lib EMA and ATR",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "upper", type: "series", label: "Upper" },
    { name: "middle", type: "series", label: "Middle (EMA)" },
    { name: "lower", type: "series", label: "Lower" },
  ],
  params: z.object({
    period: z.number().int().min(2).max(100_000).default(20).describe("How many bars the middle EMA spans."),
    atrPeriod: z.number().int().min(1).max(100_000).default(10).describe("How many bars the ATR spans."),
    multiplier: z
      .number()
      .min(0)
      .max(100)
      .default(2)
      .describe("How many ATRs the bands sit from the middle."),
  }),
  warmup: ({ period, atrPeriod }) => Math.max(period - 1, atrPeriod),
  kernel: ({ period, atrPeriod, multiplier }, { start }) => {
    const ema = createEma(period, start);
    const atr = averageTrueRange(atrPeriod, start);
    const closeOnly: Float64Array[] = [];
    const middleOnly: Float64Array[] = [];
    const upperOnly: Float64Array[] = [];
    return {
      run(inputs, outputs, from, to) {
        const [upper, middle, lower] = outputs;
        closeOnly[0] = inputs[4];
        middleOnly[0] = middle;
        upperOnly[0] = upper;
        // Neither inner kernel reads back what it wrote, so the outputs serve as their columns:
        // the EMA lands in the middle, the ATR in the upper band until the bands replace it.
        ema.run(closeOnly, middleOnly, from, to);
        atr.run(inputs, upperOnly, from, to);
        for (let i = from; i < to; i++) {
          const width = multiplier * upper[i];
          upper[i] = middle[i] + width;
          lower[i] = middle[i] - width;
          if (Number.isNaN(upper[i])) middle[i] = Number.NaN;
        }
      },
    };
  },
});
