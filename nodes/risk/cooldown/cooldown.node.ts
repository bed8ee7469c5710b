import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { orderIn, orderOut } from "../order-ports";

export const cooldown = defineNode({
  type: "risk.cooldown",
  version: 1,
  title: "Cooldown",
  category: "risk",
  description:
    "Waits after a trade closes: the entry signal is skipped for this many bars after the last exit fills, so the strategy does not jump straight back into a market that just stopped it out.",
  inputs: [orderIn],
  outputs: [orderOut],
  params: z.object({
    bars: z
      .number({ error: "Bars must be a number." })
      .int("Cooldown bars must be a whole number.")
      .min(1, "Cooldown bars must be at least 1.")
      .max(100_000, "Cooldown bars must be at most 100,000.")
      .default(5)
      .describe("How many bars after an exit to ignore entry signals."),
  }),
  warmup: () => 0,
  order: ({ bars }) => ({ cooldownBars: bars }),
});
