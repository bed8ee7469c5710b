import { catalogue } from "@/nodes/catalogue";
import type { Registry } from "@/nodes/core/registry";
import { type Bar, grown } from "../data/bars";
import { SimulatedBroker } from "../execution/broker";
import { type RunSettingsInput, runSettings } from "../execution/settings";
import type { Fill, OrderEvent, OrderTicket } from "../execution/types";
import type { Plan } from "../plan/schema";
import { PlanProgram } from "./program";
import { type BacktestResult, buildResult } from "./result";

/** What one bar did: the order events (placed, filled, cancelled, ...) and fills on it. */
export interface StepOutcome {
  bar: number;
  time: number;
  events: OrderEvent[];
  fills: Fill[];
  equity: number;
  position: number;
}

export interface PlanStream {
  pushBar(bar: Bar): StepOutcome;
  /** The ticket of an order an event or fill names (its rule, action, type and prices). */
  order(id: number): OrderTicket | undefined;
  result(): BacktestResult;
}

/**
 * Runs a plan one bar at a time, for paper and live trading. Columns start at `capacity` bars and
 * double when full; the steps are then re-bound to the new columns (kernels keep no references).
 */
export function createStream(
  plan: Plan,
  settings: RunSettingsInput = {},
  registry: Registry = catalogue,
  capacity = 1024,
): PlanStream {
  const resolved = runSettings(settings);
  const program = new PlanProgram(plan, registry);
  let columns = program.allocate(capacity, null);
  const broker = new SimulatedBroker(plan.orders, resolved, capacity);
  let length = 0;

  return {
    pushBar(bar) {
      const { time, open, high, low, close, volume } = bar;
      if (![time, open, high, low, close, volume].every(Number.isFinite)) {
        throw new Error(`The bar at ${time} has a missing or non-numeric value.`);
      }
      if (length > 0 && !(time > columns[0][length - 1])) {
        throw new Error(
          `The bar at ${time} is not later than the previous bar at ${columns[0][length - 1]}.`,
        );
      }
      if (length === columns[0].length) {
        const size = Math.max(16, columns[0].length * 2);
        columns = columns.map((column) => grown(column, size));
        for (const { slot, value } of plan.constants) columns[slot].fill(value);
        program.bind(columns);
      }
      const i = length++;
      columns[0][i] = time;
      columns[1][i] = open;
      columns[2][i] = high;
      columns[3][i] = low;
      columns[4][i] = close;
      columns[5][i] = volume;
      program.run(i, i + 1);
      const events = broker.ledger.eventCount;
      const fills = broker.ledger.fillCount;
      broker.step(columns, i);
      return {
        bar: i,
        time,
        events: broker.events.slice(events),
        fills: broker.fills.slice(fills),
        equity: broker.equity[i],
        position: broker.held,
      };
    },
    order: (id) => broker.orders[id - 1],
    result: () => buildResult(plan, columns, length, broker, resolved, true),
  };
}
