import { z } from "zod";

/**
 * An order rule: what the compiler makes of a chain of order nodes
 * (an entry or exit node, followed by any number of modifier nodes such as Stop Loss or Sizing).
 *
 * Series inputs of order nodes (the trigger, limit and stop prices, a stop distance) are
 * referenced by plan slot index, so every engine reads the same columns.
 * The execution semantics of every field are defined once, in engine-runtime/execution.
 */
export const orderActionSchema = z.enum([
  "enterLong",
  "enterShort",
  "exitLong",
  "exitShort",
  "exitAll",
  "reverse",
]);
export const orderTypeSchema = z.enum(["market", "limit", "stop", "stopLimit"]);
export const timeInForceSchema = z.enum(["day", "gtc"]);

export const sizingSchema = z.discriminatedUnion("mode", [
  /** A fixed number of units, rounded down to the lot size. */
  z.object({ mode: z.literal("fixedQuantity"), quantity: z.number().positive() }),
  /** Units worth this much cash at the reference price. */
  z.object({ mode: z.literal("fixedCash"), cash: z.number().positive() }),
  /** Units worth this percentage of current equity. */
  z.object({ mode: z.literal("percentOfEquity"), percent: z.number().positive().max(1000) }),
  /** Units such that hitting the stop loses this percentage of equity; needs a stop loss on the rule. */
  z.object({ mode: z.literal("riskPercent"), percent: z.number().positive().max(100) }),
]);

/** A distance from the entry price: a percentage, absolute price points, or a series slot (price points). */
export const distanceSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("percent"), value: z.number().positive() }),
  z.object({ mode: z.literal("points"), value: z.number().positive() }),
  z.object({ mode: z.literal("slot"), slot: z.number().int().nonnegative() }),
]);

export const orderRuleSchema = z.object({
  action: orderActionSchema,
  /** Slot of the bool series that triggers the order on a bar's close. */
  when: z.number().int().nonnegative(),
  orderType: orderTypeSchema,
  timeInForce: timeInForceSchema,
  /** Slots of the limit and stop price series, for limit, stop and stop-limit orders. */
  limitPrice: z.number().int().nonnegative().optional(),
  stopPrice: z.number().int().nonnegative().optional(),
  sizing: sizingSchema.optional(),
  stopLoss: distanceSchema.optional(),
  takeProfit: distanceSchema.optional(),
  trailingStop: distanceSchema.optional(),
  /** Close the position this many bars after entry. */
  exitAfterBars: z.number().int().positive().optional(),
  /** Skip the entry when this many positions (entries not yet closed) are open. */
  maxOpenPositions: z.number().int().positive().optional(),
  /** Skip the entry for this many bars after the last exit. */
  cooldownBars: z.number().int().positive().optional(),
});
export type OrderRule = z.infer<typeof orderRuleSchema>;
export type OrderAction = z.infer<typeof orderActionSchema>;
export type Sizing = z.infer<typeof sizingSchema>;
export type Distance = z.infer<typeof distanceSchema>;

/**
 * What one order node adds to the rule it belongs to. The compiler applies the entry node's
 * patch first, then each modifier's patch in chain order; a later patch overrides an earlier one.
 * Which graph nodes a rule came from is kept in the compile result's source map, not in the
 * rule, so that renaming node ids never changes the plan's bytes.
 */
export type OrderPatch = Partial<OrderRule>;
