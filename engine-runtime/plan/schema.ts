import { z } from "zod";
import { orderRuleSchema } from "@/nodes/core/orders";

/**
 * The Plan: what runs. The one contract between the compiler and every consumer (executors,
 * native core, exporters, embedding). Canonical: the same strategy always gives the same bytes
 * (see canonical.ts), so it carries no node ids or positions; those live in the SourceMap.
 *
 * Run-time model: a plan is evaluated over columns ("slots"), one Float64Array per slot with
 * one value per bar. Feed i occupies slots [6i, 6i + 6) in BAR_FIELDS order (time, open, high,
 * low, close, volume). Constants fill their slot with one value. Each step then computes its
 * output slots from its input slots, in order, on each bar's close. A slot that no feed, constant
 * or step fills holds NaN on every bar: the compiler gives it to optional inputs left unconnected.
 */
export const PLAN_VERSION = 1;

const slot = z.number().int().nonnegative();

export const feedSchema = z.object({
  /** "" means the run's own instrument (the dataset or symbol the user runs the strategy on). */
  symbol: z.string(),
  /** "" means the run's own timeframe. */
  timeframe: z.string(),
});

export const planStepSchema = z.object({
  /** The node type whose kernel computes this step, e.g. "indicators.sma". */
  op: z.string(),
  opVersion: z.number().int().positive(),
  /** Params after defaults and migrations, with keys sorted. */
  params: z.record(z.string(), z.unknown()),
  /** Input slots, flattened in port order (a bars input is six slots). */
  inputs: z.array(slot),
  /** Output slots, in port order. */
  outputs: z.array(slot),
  /** First bar at which every input holds a value. */
  start: z.number().int().nonnegative(),
  /** First bar at which the outputs hold values: start + the node's warm-up. */
  ready: z.number().int().nonnegative(),
});

export const plotSchema = z.object({
  slot,
  /** What the user would call it: the node's label, else its title and main params, e.g. "SMA(20)". */
  label: z.string(),
  /** "price" overlays the candles; "pane" gets a chart of its own (oscillators, signals). */
  pane: z.enum(["price", "pane"]),
  kind: z.enum(["line", "signal"]),
});

export const planSchema = z.object({
  format: z.literal("strata.plan"),
  version: z.literal(PLAN_VERSION),
  feeds: z.array(feedSchema).min(1),
  slotCount: z.number().int().nonnegative(),
  constants: z.array(z.object({ slot, value: z.number() })),
  steps: z.array(planStepSchema),
  orders: z.array(orderRuleSchema),
  plots: z.array(plotSchema),
  /** Bars needed before every order rule's inputs hold values. */
  warmup: z.number().int().nonnegative(),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanStep = z.infer<typeof planStepSchema>;
export type Feed = z.infer<typeof feedSchema>;
export type Plot = z.infer<typeof plotSchema>;

/**
 * Where each part of a plan came from in the graph: for diagnostics, charts and exported comments.
 * A slot's node and port follow from its step: the step's outputs are its nodes' output ports.
 */
export interface SourceMap {
  /** steps[i] lists the ids of the graph nodes that step i computes (several after deduplication). */
  steps: string[][];
  orders: string[][];
}
