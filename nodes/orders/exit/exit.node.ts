import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import type { OrderAction } from "@/nodes/core/orders";
import { orderParams, pricedOrderPatch, priceInputs, whenInput } from "../order-params";

const ACTIONS: Record<"long" | "short" | "all", OrderAction> = {
  long: "exitLong",
  short: "exitShort",
  all: "exitAll",
};

export const exit = defineNode({
  type: "orders.exit",
  version: 1,
  title: "Exit",
  category: "orders",
  description:
    "Closes the open position at the close of a bar where `When` is true: the long side, the short side, or both. A market exit fills at the next bar's open; a limit exit waits for the limit price, a stop exit for the stop price (at the open if the bar gaps through it). Does nothing while no matching position is open.",
  inputs: [whenInput, ...priceInputs],
  outputs: [{ name: "order", type: "order", label: "Order" }],
  params: orderParams.extend({
    side: z
      .enum(["long", "short", "all"])
      .default("all")
      .describe("Which positions to close: longs only, shorts only, or all of them."),
  }),
  warmup: () => 0,
  order: (params, slots) => pricedOrderPatch(ACTIONS[params.side], params, slots),
});
