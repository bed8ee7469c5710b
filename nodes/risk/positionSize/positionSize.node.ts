import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import type { Sizing } from "@/nodes/core/orders";
import { orderIn, orderOut } from "../order-ports";

/** Percent modes have a natural ceiling; the cap mirrors sizingSchema so a saved graph never fails in the plan. */
const PERCENT_LIMITS = { percentOfEquity: 1000, riskPercent: 100 } as const;

export const positionSize = defineNode({
  type: "risk.positionSize",
  version: 1,
  title: "Position Size",
  category: "risk",
  description:
    "Sets how many units the entry buys or sells. Fixed quantity: that many units. Fixed cash: as many units as that amount of cash buys at the entry's reference price. Percent of equity: units worth that percentage of the account's current equity (above 100 uses leverage). Risk percent: as many units as make a stopped-out trade lose that percentage of equity; it needs a Stop Loss on the same order. Quantities are rounded down to the instrument's lot size.",
  inputs: [orderIn],
  outputs: [orderOut],
  params: z
    .object({
      mode: z
        .enum(["fixedQuantity", "fixedCash", "percentOfEquity", "riskPercent"])
        .default("percentOfEquity")
        .describe(
          "How the size is chosen: a fixed number of units, a fixed cash amount, a share of equity, or the risk per trade.",
        ),
      amount: z
        .number({ error: "The size amount must be a number." })
        .positive("The size amount must be greater than 0.")
        .default(10)
        .describe("Units, cash, or percent (10 = 10%), depending on Mode."),
    })
    .superRefine(({ mode, amount }, context) => {
      if (mode !== "percentOfEquity" && mode !== "riskPercent") return;
      const limit = PERCENT_LIMITS[mode];
      if (amount > limit) {
        const what = mode === "riskPercent" ? "Risk per trade" : "Percent of equity";
        context.addIssue({
          code: "custom",
          path: ["amount"],
          message: `${what} must be at most ${limit}%; got ${amount}.`,
        });
      }
    }),
  warmup: () => 0,
  order: ({ mode, amount }) => ({ sizing: sizingOf(mode, amount) }),
});

function sizingOf(mode: Sizing["mode"], amount: number): Sizing {
  switch (mode) {
    case "fixedQuantity":
      return { mode, quantity: amount };
    case "fixedCash":
      return { mode, cash: amount };
    case "percentOfEquity":
    case "riskPercent":
      return { mode, percent: amount };
  }
}
