import type { Fill, FillPurpose, OrderEvent, OrderStatus, OrderTicket, Trade } from "../execution/types";
import type { StepOutcome } from "../executor/stream";

/** The enumeration names the binding indexes into (native/binding/addon.cpp `names`). */
export interface NativeNames {
  action: OrderTicket["action"][];
  orderType: OrderTicket["orderType"][];
  timeInForce: OrderTicket["timeInForce"][];
  purpose: (FillPurpose | "open")[];
  status: OrderStatus[];
}

/** Trades, fills, orders and events as the binding packs them: fixed-width rows of numbers. */
export interface PackedLists {
  trades: Float64Array;
  openTrades: Float64Array;
  fills: Float64Array;
  orders: Float64Array;
  events: Float64Array;
  reasons: string[];
}

export function unpackTrades(rows: Float64Array, names: NativeNames): Trade[] {
  const trades: Trade[] = [];
  for (let k = 0; k < rows.length; k += 13) {
    trades.push({
      direction: rows[k] > 0 ? "long" : "short",
      entryBar: rows[k + 1],
      entryTime: rows[k + 2],
      entryPrice: rows[k + 3],
      exitBar: rows[k + 4],
      exitTime: rows[k + 5],
      exitPrice: rows[k + 6],
      quantity: rows[k + 7],
      pnl: rows[k + 8],
      returnPercent: rows[k + 9],
      commission: rows[k + 10],
      barsHeld: rows[k + 11],
      exitReason: names.purpose[rows[k + 12]] as Trade["exitReason"],
    });
  }
  return trades;
}

export function unpackFills(rows: Float64Array, names: NativeNames): Fill[] {
  const fills: Fill[] = [];
  for (let k = 0; k < rows.length; k += 8) {
    fills.push({
      bar: rows[k],
      time: rows[k + 1],
      orderId: rows[k + 2],
      side: rows[k + 3] === 1 ? "buy" : "sell",
      quantity: rows[k + 4],
      price: rows[k + 5],
      commission: rows[k + 6],
      purpose: names.purpose[rows[k + 7]] as FillPurpose,
    });
  }
  return fills;
}

export function unpackOrders(rows: Float64Array, names: NativeNames): OrderTicket[] {
  const orders: OrderTicket[] = [];
  for (let k = 0; k < rows.length; k += 10) {
    const limit = rows[k + 5];
    const stop = rows[k + 6];
    orders.push({
      id: rows[k],
      rule: rows[k + 1],
      action: names.action[rows[k + 2]],
      orderType: names.orderType[rows[k + 3]],
      timeInForce: names.timeInForce[rows[k + 4]],
      limitPrice: Number.isNaN(limit) ? null : limit,
      stopPrice: Number.isNaN(stop) ? null : stop,
      purpose: names.purpose[rows[k + 7]] as FillPurpose,
      createdBar: rows[k + 8],
      status: names.status[rows[k + 9]],
    });
  }
  return orders;
}

export function unpackEvents(
  rows: Float64Array,
  reasons: readonly string[],
  names: NativeNames,
): OrderEvent[] {
  const events: OrderEvent[] = [];
  for (let k = 0; k < rows.length; k += 5) {
    const reason = rows[k + 4];
    const event: OrderEvent = {
      bar: rows[k],
      time: rows[k + 1],
      orderId: rows[k + 2],
      status: names.status[rows[k + 3]],
    };
    if (reason >= 0) event.reason = reasons[reason];
    events.push(event);
  }
  return events;
}

/**
 * One streamed bar's outcome as the binding writes it: bar, time, equity, position, the event and
 * fill counts, then the events and fills in the packed lists' row layouts (an event's reason
 * column holds its index in the session, looked up only for the rare event that has one).
 */
export function unpackOutcome(
  out: Float64Array,
  names: NativeNames,
  reasonOf: (index: number) => string | undefined,
): StepOutcome {
  const eventsEnd = 6 + 5 * out[4];
  const events: OrderEvent[] = [];
  for (let k = 6; k < eventsEnd; k += 5) {
    const event: OrderEvent = {
      bar: out[k],
      time: out[k + 1],
      orderId: out[k + 2],
      status: names.status[out[k + 3]],
    };
    if (out[k + 4] >= 0) event.reason = reasonOf(out[k + 4]);
    events.push(event);
  }
  return {
    bar: out[0],
    time: out[1],
    events,
    fills: out[5] > 0 ? unpackFills(out.subarray(eventsEnd, eventsEnd + 8 * out[5]), names) : [],
    equity: out[2],
    position: out[3],
  };
}
