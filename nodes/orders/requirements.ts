import { orderTypeSchema } from "@/nodes/core/orders";
import { riskNodes } from "@/nodes/risk/index";
import { ordersNodes } from "./index";
import { requiredPriceInputs } from "./order-params";

const definitions = new Map(
  [...ordersNodes, ...riskNodes].map((definition) => [definition.type, definition]),
);

/**
 * The inputs an order or risk node must have connected, given its params as saved in the graph:
 * its required ports plus the price inputs its order type needs (a limit order needs a limit
 * price, a stop order a stop price, a stop-limit order both). The compiler reports each one that
 * is not connected as a missing required input. Other node types need nothing beyond their
 * required ports, which the compiler already knows, so they get [].
 */
export function requiredOrderInputs(type: string, params: Record<string, unknown>): string[] {
  const definition = definitions.get(type);
  if (!definition) return [];
  const required = definition.inputs.filter((port) => !port.optional).map((port) => port.name);
  const parsed = definition.params.safeParse(params);
  const orderType = orderTypeSchema.safeParse(parsed.success ? parsed.data.orderType : undefined);
  if (!orderType.success) return required;
  const declared = new Set(definition.inputs.map((port) => port.name));
  return [...required, ...requiredPriceInputs(orderType.data).filter((name) => declared.has(name))];
}
