import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { orderIn, orderOut } from "../order-ports";

export const maxOpenPositions = defineNode({
  type: "risk.maxOpenPositions",
  version: 1,
  title: "Max Open Positions",
  category: "risk",
  description:
    "Limits pyramiding: the entry signal is skipped while this many entries are open (filled and not yet closed). With 1, the strategy never adds to a position it already holds.",
  inputs: [orderIn],
  outputs: [orderOut],
  params: z.object({
    count: z
      .number({ error: "The maximum must be a number." })
      .int("The maximum number of open positions must be a whole number.")
      .min(1, "The maximum number of open positions must be at least 1.")
      .max(1000, "The maximum number of open positions must be at most 1000.")
      .default(1)
      .describe("How many entries may be open at the same time."),
  }),
  warmup: () => 0,
  order: ({ count }) => ({ maxOpenPositions: count }),
});
