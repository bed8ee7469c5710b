import { type OrderPatch, type OrderRule, orderRuleSchema } from "@/nodes/core/orders";

/**
 * Test helper: folds patches the way the compiler is specified to (entry first, later keys win),
 * then sends the rule through JSON and the plan's schema, as a saved plan would go.
 */
export function foldAndReload(...patches: OrderPatch[]): { rule: OrderRule; reloaded: OrderRule } {
  const rule = orderRuleSchema.parse(Object.assign({}, ...patches));
  return { rule, reloaded: orderRuleSchema.parse(JSON.parse(JSON.stringify(rule))) };
}

/** The slot numbers used across the tests: arbitrary but distinct, so a swapped slot shows. */
export const SLOTS = { when: 7, limitPrice: 11, stopPrice: 13, distance: 17 } as const;
