import type { OrderRule } from "@/nodes/core/orders";
import { SimulatedBroker } from "./broker";
import { type RunSettingsInput, runSettings } from "./settings";

const DAY = 86_400_000;

/**
 * Test helper: runs the broker over hand-written bars [open, high, low, close] (one per day from
 * 2020-01-01 unless `times` says otherwise) and extra columns that occupy slots 6, 7, ... (signals, prices, distances).
 */
export function simulate(
  bars: readonly (readonly [number, number, number, number])[],
  columns: readonly (readonly number[])[],
  rules: readonly Partial<OrderRule>[],
  settings: RunSettingsInput = {},
  times: readonly number[] = bars.map((_, i) => Date.UTC(2020, 0, 1) + i * DAY),
): SimulatedBroker {
  const n = bars.length;
  const slots = [
    Float64Array.from(times),
    Float64Array.from(bars, (bar) => bar[0]),
    Float64Array.from(bars, (bar) => bar[1]),
    Float64Array.from(bars, (bar) => bar[2]),
    Float64Array.from(bars, (bar) => bar[3]),
    new Float64Array(n),
    ...columns.map((column) => Float64Array.from(column)),
  ];
  const full = rules.map(
    (rule) => ({ orderType: "market", timeInForce: "gtc", when: 6, ...rule }) as OrderRule,
  );
  const broker = new SimulatedBroker(full, runSettings(settings), 4);
  for (let i = 0; i < n; i++) broker.step(slots, i);
  return broker;
}
