import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { orderIn, orderOut } from "../order-ports";

export const exitAfterBars = defineNode({
  type: "risk.exitAfterBars",
  version: 1,
  title: "Exit After Bars",
  category: "risk",
  description:
    "Limits how long a trade is held: at the close of the `bars`-th bar after the entry fills, a market exit is placed, which fills at the next bar's open. A stop or target hit earlier closes the trade first.",
  inputs: [orderIn],
  outputs: [orderOut],
  params: z.object({
    bars: z
      .number({ error: "Bars must be a number." })
      .int("Bars must be a whole number.")
      .min(1, "Bars must be at least 1.")
      .max(100_000, "Bars must be at most 100,000.")
      .default(10)
      .describe("How many bars to hold the position, counting the bar the entry filled on."),
  }),
  warmup: () => 0,
  order: ({ bars }) => ({ exitAfterBars: bars }),
});
