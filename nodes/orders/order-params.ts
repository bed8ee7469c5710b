import { z } from "zod";
import type { PortSpec } from "@/nodes/core/define";
import type { OrderAction, OrderPatch } from "@/nodes/core/orders";
import { orderTypeSchema, timeInForceSchema } from "@/nodes/core/orders";

/**
 * What the entry and exit nodes share: when to act, which kind of order, how long it works.
 * The meanings below are those of the execution simulator (ARCHITECTURE.md, "Execution semantics").
 */
export const ORDER_TYPE_HELP =
  "Market: fills at the next bar's open. Limit: waits for a better price; fills on a later bar whose range reaches the limit price, at the limit price, or at the open when the bar opens beyond it. Stop: waits for the price to break out; fills on a later bar whose range reaches the stop price, at the stop price, or at the open when the bar gaps through it. Stop-limit: when a bar reaches the stop price, a limit order at the limit price starts working.";

export const TIME_IN_FORCE_HELP =
  "How long a limit or stop order keeps working if it does not fill. Day: it is cancelled at the end of the trading day it was placed for. Good till cancelled: it keeps working on later bars until it fills. A market order fills at the next open either way.";

export const orderParams = z.object({
  orderType: orderTypeSchema.default("market").describe(ORDER_TYPE_HELP),
  timeInForce: timeInForceSchema.default("gtc").describe(TIME_IN_FORCE_HELP),
});
export type OrderParams = z.output<typeof orderParams>;

export const whenInput: PortSpec = {
  name: "when",
  type: "bool",
  label: "When",
  description: "Places the order at the close of each bar where this is true.",
};

export const priceInputs: readonly PortSpec[] = [
  {
    name: "limitPrice",
    type: "series",
    label: "Limit price",
    optional: true,
    description:
      "The price a limit or stop-limit order fills at or better; read on the bar the order is placed.",
  },
  {
    name: "stopPrice",
    type: "series",
    label: "Stop price",
    optional: true,
    description: "The price that triggers a stop or stop-limit order; read on the bar the order is placed.",
  },
];

/** The price inputs an order type cannot do without. */
export function requiredPriceInputs(orderType: OrderParams["orderType"]): string[] {
  switch (orderType) {
    case "market":
      return [];
    case "limit":
      return ["limitPrice"];
    case "stop":
      return ["stopPrice"];
    case "stopLimit":
      return ["stopPrice", "limitPrice"];
  }
}

/**
 * The patch of an entry or exit node. A price input the order type does not use is left out,
 * so a stray connection never changes what runs; a missing one is the compiler's to report
 * (see requirements.ts). Unknown slots are omitted rather than written as undefined, because a
 * later patch overrides an earlier one key by key.
 */
export function pricedOrderPatch(
  action: OrderAction,
  { orderType, timeInForce }: OrderParams,
  slots: Readonly<Record<string, number | undefined>>,
): OrderPatch {
  const patch: OrderPatch = { action, orderType, timeInForce };
  if (slots.when !== undefined) patch.when = slots.when;
  for (const name of requiredPriceInputs(orderType)) {
    const slot = slots[name];
    if (slot !== undefined) patch[name as "limitPrice" | "stopPrice"] = slot;
  }
  return patch;
}
