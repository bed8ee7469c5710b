import type { SimulatedBroker } from "../execution/broker";
import { computeMetrics, drawdownCurve, type Metrics } from "../execution/metrics";
import type { RunSettings } from "../execution/settings";
import type { Fill, OrderEvent, OrderTicket, Trade } from "../execution/types";
import type { Plan, Plot } from "../plan/schema";

/** One of the plan's plots with its values, for charts. */
export interface PlotSeries extends Plot {
  values: Float64Array;
}

export interface BacktestResult {
  bars: number;
  time: Float64Array;
  /** At each bar's close. */
  equity: Float64Array;
  cash: Float64Array;
  /** Signed quantity held: positive long, negative short. */
  position: Float64Array;
  drawdown: Float64Array;
  metrics: Metrics;
  trades: Trade[];
  /** Entries still held after the last bar, valued at its close. */
  openTrades: Trade[];
  fills: Fill[];
  orders: OrderTicket[];
  events: OrderEvent[];
  series: PlotSeries[];
  settings: RunSettings;
}

/** Assembles the report of `length` bars; `copy` detaches it from a broker and columns that carry on. */
export function buildResult(
  plan: Plan,
  columns: readonly Float64Array[],
  length: number,
  broker: SimulatedBroker,
  settings: RunSettings,
  copy: boolean,
): BacktestResult {
  const take = (column: Float64Array) => (copy ? column.slice(0, length) : column.subarray(0, length));
  const time = take(columns[0]);
  const equity = take(broker.equity);
  const position = take(broker.position);
  const list = <T>(items: T[]) => (copy ? [...items] : items);
  const trades = list(broker.trades);
  const fills = list(broker.fills);
  return {
    bars: length,
    time,
    equity,
    cash: take(broker.cash),
    position,
    drawdown: drawdownCurve(equity),
    metrics: computeMetrics({ time, equity, position, initialEquity: settings.initialCash, trades, fills }),
    trades,
    openTrades: broker.openTrades(),
    fills,
    orders: copy ? broker.orders.map((order) => ({ ...order })) : broker.orders,
    events: list(broker.events),
    series: plan.plots.map((plot) => ({ ...plot, values: take(columns[plot.slot]) })),
    settings,
  };
}
