import type { PortSpec } from "@/nodes/core/define";

/** A modifier sits on an order chain: the order comes in, the same order with one more rule goes out. */
export const orderIn: PortSpec = {
  name: "order",
  type: "order",
  label: "Order",
  description: "The entry or exit order this rule applies to.",
};
export const orderOut: PortSpec = { name: "order", type: "order", label: "Order" };
