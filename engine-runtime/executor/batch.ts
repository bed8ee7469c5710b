import { catalogue } from "@/nodes/catalogue";
import type { Registry } from "@/nodes/core/registry";
import { type BarColumns, feedColumns } from "../data/bars";
import { SimulatedBroker } from "../execution/broker";
import { type RunSettingsInput, runSettings } from "../execution/settings";
import type { Plan } from "../plan/schema";
import { giveColumns, takeColumn } from "./pool";
import { PlanProgram } from "./program";
import { type BacktestResult, buildResult } from "./result";

/**
 * Runs a plan over whole columns, a block of bars at a time: every step computes the block in one
 * call, then the simulated broker walks its bars in time order. Kernels are causal, so the values
 * each bar's decisions read are those a stream would have seen at that bar: batch and streaming
 * results are identical.
 */
export function runBatch(
  plan: Plan,
  bars: BarColumns,
  settings: RunSettingsInput = {},
  registry: Registry = catalogue,
): BacktestResult {
  const resolved = runSettings(settings);
  const feed = feedColumns(bars);
  const n = bars.time.length;
  if (feed.some((column) => column.length !== n)) {
    throw new Error("The bar columns differ in length; every field needs one value per bar.");
  }
  const program = new PlanProgram(plan, registry);
  const columns = program.allocate(n, feed, takeColumn);
  const broker = new SimulatedBroker(plan.orders, resolved, n);
  // Blocks, not the whole run at once, so that the broker finds its values still in cache: the
  // bars it stops on are scattered, and fetching each from main memory was a large part of a step.
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    program.run(from, to);
    for (let i = broker.fastForward(columns, from, to); i < to; i = broker.fastForward(columns, i + 1, to)) {
      broker.step(columns, i);
    }
  }
  const result = buildResult(plan, columns, n, broker, resolved, false);
  const plotted = new Set(plan.plots.map((plot) => plot.slot));
  giveColumns(columns.filter((_, slot) => slot >= feed.length && !plotted.has(slot)));
  return result;
}

/** Bars per block: the block's share of every column (128 KiB each) stays in the processor's cache. */
const BLOCK = 16_384;
