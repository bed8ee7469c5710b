import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import type { OrderPatch } from "@/nodes/core/orders";
import { whenInput } from "../order-params";

export const reverse = defineNode({
  type: "orders.reverse",
  version: 1,
  title: "Reverse",
  category: "orders",
  description:
    "Flips the position at the close of a bar where `When` is true: it closes the open position and opens the opposite one, both at the next bar's open (market orders). A Position Size node after it sizes the new position. Does nothing while flat; use Enter Long or Enter Short to open the first position.",
  inputs: [whenInput],
  outputs: [{ name: "order", type: "order", label: "Order" }],
  params: z.object({}),
  warmup: () => 0,
  order: (_params, slots) => {
    const patch: OrderPatch = { action: "reverse", orderType: "market", timeInForce: "gtc" };
    if (slots.when !== undefined) patch.when = slots.when;
    return patch;
  },
});
