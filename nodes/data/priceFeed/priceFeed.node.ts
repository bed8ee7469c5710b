import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { BAR_FIELDS } from "@/nodes/core/ports";
import { priceFieldParam, writeField } from "../fields";
import { TIMEFRAMES } from "../timeframes";

/**
 * The start of every strategy. It has no graph inputs: the executor passes the run's bar columns
 * (the feed this node asks for, six columns in BAR_FIELDS order) as the kernel's inputs, and the
 * kernel copies them to the `bars` output and derives the chosen field for `value`.
 */
export const priceFeed = defineNode({
  type: "data.priceFeed",
  version: 1,
  title: "Price Feed",
  category: "data",
  description:
    "The price bars your strategy runs on: open, high, low, close and volume of every bar. Leave symbol and timeframe empty to use whatever market and timeframe you run the strategy on; set them to bring in another market or a higher timeframe. The value output is one chosen price (the close unless you pick another) for indicators that take a single series.",
  inputs: [],
  outputs: [
    {
      name: "bars",
      type: "bars",
      label: "Bars",
      description: "Open, high, low, close and volume of every bar.",
    },
    { name: "value", type: "series", label: "Value", description: "The chosen price field." },
  ],
  params: z.object({
    symbol: z
      .string()
      .max(100)
      .default("")
      .describe("The market to read, e.g. AAPL or BTC-USD. Empty means the market you run the strategy on."),
    timeframe: z
      .enum(["", ...TIMEFRAMES])
      .default("")
      .describe("The bar length. Empty means the timeframe you run the strategy on."),
    field: priceFieldParam,
  }),
  warmup: () => 0,
  kernel: ({ field }, { start }) => ({
    run(inputs, outputs, from, to) {
      for (let column = 0; column < BAR_FIELDS.length; column++) {
        const source = inputs[column];
        const out = outputs[column];
        for (let i = from; i < to; i++) out[i] = i < start ? Number.NaN : source[i];
      }
      writeField(field, inputs, outputs[BAR_FIELDS.length], from, to, start);
    },
  }),
});
