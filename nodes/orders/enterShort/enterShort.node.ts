import { defineNode } from "@/nodes/core/define";
import { orderParams, pricedOrderPatch, priceInputs, whenInput } from "../order-params";

export const enterShort = defineNode({
  type: "orders.enterShort",
  version: 1,
  title: "Enter Short",
  category: "orders",
  description:
    "Sends a sell-short order that opens a short position at the close of each bar where `When` is true. A market order fills at the next bar's open; a limit order sells at the limit price or higher, a stop order sells once the price falls to the stop price (at the open if the bar gaps below it). Connect risk nodes after it to set size, stop loss and take profit.",
  inputs: [whenInput, ...priceInputs],
  outputs: [{ name: "order", type: "order", label: "Order" }],
  params: orderParams,
  warmup: () => 0,
  order: (params, slots) => pricedOrderPatch("enterShort", params, slots),
});
