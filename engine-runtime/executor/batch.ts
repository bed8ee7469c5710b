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
 * Runs a plan over whole columns: every step computes all bars in one call, then the simulated
 * broker walks the bars in time order. Kernels are causal, so the values each bar's decisions read
 * are those a stream would have seen at that bar: batch and streaming results are identical.
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
  program.run(0, n);
  const broker = new SimulatedBroker(plan.orders, resolved, n);
  for (let i = broker.fastForward(columns, 0, n); i < n; i = broker.fastForward(columns, i + 1, n)) {
    broker.step(columns, i);
  }
  const result = buildResult(plan, columns, n, broker, resolved, false);
  const plotted = new Set(plan.plots.map((plot) => plot.slot));
  giveColumns(columns.filter((_, slot) => slot >= feed.length && !plotted.has(slot)));
  return result;
}
