import { defineNode } from "@/nodes/core/define";
import { orderParams, pricedOrderPatch, priceInputs, whenInput } from "../order-params";

export const enterLong = defineNode({
  type: "orders.enterLong",
  version: 1,
  title: "Enter Long",
  category: "orders",
  description:
    "Sends a buy order that opens a long position at the close of each bar where `When` is true. A market order fills at the next bar's open; a limit order buys at the limit price or lower, a stop order buys once the price rises to the stop price (at the open if the bar gaps above it). Connect risk nodes after it to set size, stop loss and take profit.",
  inputs: [whenInput, ...priceInputs],
  outputs: [{ name: "order", type: "order", label: "Order" }],
  params: orderParams,
  warmup: () => 0,
  order: (params, slots) => pricedOrderPatch("enterLong", params, slots),
});
