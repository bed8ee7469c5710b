import type { SimulatedBroker } from "../execution/broker";
import { drawdownCurve, type Metrics, summarise } from "../execution/metrics";
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

/**
 * Assembles the report of `length` bars; `copy` detaches it from a broker and columns that carry on.
 * Without `copy`, what follows from the equity curve and the broker's ledger (the drawdown, cash
 * and position curves, the trade list and the order, fill and event logs) is built on first read:
 * a run of millions of bars makes hundreds of thousands of records, and each new column of a
 * million bars costs thousands of page faults, while many callers read only some of them.
 */
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
  const { ledger } = broker;
  const metrics = summarise(
    time,
    equity,
    settings.initialCash,
    ledger.tradePnl(),
    ledger.commissionPaid,
    ledger.exposure(length),
  );
  const openTrades = broker.openTrades();
  const series = plan.plots.map((plot) => ({ ...plot, values: take(columns[plot.slot]) }));
  if (copy) {
    return {
      bars: length,
      time,
      equity,
      cash: ledger.cashColumn(length),
      position: ledger.positionColumn(length),
      drawdown: drawdownCurve(equity),
      metrics,
      trades: [...ledger.trades(time)],
      openTrades,
      fills: [...ledger.fills(time)],
      orders: ledger.orders.map((order) => ({ ...order })),
      events: [...ledger.events(time)],
      series,
      settings,
    };
  }
  let cash: Float64Array | undefined;
  let position: Float64Array | undefined;
  let drawdown: Float64Array | undefined;
  return {
    bars: length,
    time,
    equity,
    get cash() {
      cash ??= ledger.cashColumn(length);
      return cash;
    },
    get position() {
      position ??= ledger.positionColumn(length);
      return position;
    },
    get drawdown() {
      drawdown ??= drawdownCurve(equity);
      return drawdown;
    },
    metrics,
    get trades() {
      return ledger.trades(time);
    },
    openTrades,
    get fills() {
      return ledger.fills(time);
    },
    get orders() {
      return ledger.orders;
    },
    get events() {
      return ledger.events(time);
    },
    series,
    settings,
  };
}
