import { Records } from "./records";
import type {
  BrokerAction,
  Fill,
  FillPurpose,
  OrderEvent,
  OrderStatus,
  OrderTicket,
  OrderType,
  TimeInForce,
  Trade,
} from "./types";

/**
 * What the broker did: orders, their state changes, fills, closed trades, and the cash and
 * position after each bar that changed them. A backtest of a million bars makes hundreds of
 * thousands of these; as objects each would outlive several garbage collections, so they are kept
 * as numbers and become objects only when read. Reading returns the same objects every time (with
 * later records appended), and an order's object follows its status as it changes. Times are not
 * stored: a record's time is the time of its bar, read from the run's time column.
 */
export class Ledger {
  /** rule, action, type, time in force, limit and stop price (NaN = none), purpose, created bar, status. */
  private readonly orderLog = new Records(9);
  /** bar, order id, status; reasons by record index. */
  private readonly eventLog = new Records(3);
  private readonly reasons = new Map<number, string>();
  /** bar, order id, side (1 buy, −1 sell), quantity, price, commission, purpose. */
  private readonly fillLog = new Records(7);
  /** direction, entry bar and price, exit bar and price, quantity, P&L, return %, commission, reason. */
  private readonly tradeLog = new Records(10);
  /** Each closed trade's P&L, in closing order: what the metrics read. */
  private readonly pnl = new Records(1);
  /** bar, cash, position: at the close of each bar whose fills changed them. */
  private readonly holdingLog = new Records(3);
  private cash: number;
  private position = 0;
  /** The sum of every fill's commission, added in fill order. */
  commissionPaid = 0;

  private readonly orderObjects: OrderTicket[] = [];
  private readonly eventObjects: OrderEvent[] = [];
  private readonly fillObjects: Fill[] = [];
  private readonly tradeObjects: Trade[] = [];

  constructor(readonly initialCash: number) {
    this.cash = initialCash;
  }

  get eventCount(): number {
    return this.eventLog.count;
  }

  get fillCount(): number {
    return this.fillLog.count;
  }

  get tradeCount(): number {
    return this.tradeLog.count;
  }

  /** Records a new order with status "created" (its event is separate) and returns its id (1, 2, ...). */
  addOrder(
    rule: number,
    action: BrokerAction,
    orderType: OrderType,
    timeInForce: TimeInForce,
    purpose: FillPurpose,
    bar: number,
  ): number {
    const log = this.orderLog;
    const at = log.add();
    const v = log.current;
    v[at] = rule;
    v[at + 1] = actionCode(action);
    v[at + 2] = orderTypeCode(orderType);
    v[at + 3] = timeInForce === "day" ? 0 : 1;
    v[at + 4] = Number.NaN;
    v[at + 5] = Number.NaN;
    v[at + 6] = reasonCode(purpose);
    v[at + 7] = bar;
    v[at + 8] = 0;
    return log.count;
  }

  setLimitPrice(id: number, price: number): void {
    this.orderLog.set(id - 1, 4, price);
    if (id <= this.orderObjects.length) this.orderObjects[id - 1].limitPrice = price;
  }

  setStopPrice(id: number, price: number): void {
    this.orderLog.set(id - 1, 5, price);
    if (id <= this.orderObjects.length) this.orderObjects[id - 1].stopPrice = price;
  }

  statusOf(id: number): OrderStatus {
    return STATUSES[this.orderLog.get(id - 1, 8)];
  }

  /** Logs a change of the order's status and makes it the order's latest. */
  addEvent(bar: number, id: number, status: OrderStatus, reason?: string): void {
    const code = statusCode(status);
    this.orderLog.set(id - 1, 8, code);
    if (id <= this.orderObjects.length) this.orderObjects[id - 1].status = status;
    const log = this.eventLog;
    if (reason !== undefined) this.reasons.set(log.count, reason);
    const at = log.add();
    const v = log.current;
    v[at] = bar;
    v[at + 1] = id;
    v[at + 2] = code;
  }

  addFill(
    bar: number,
    id: number,
    buy: boolean,
    quantity: number,
    price: number,
    commission: number,
    purpose: FillPurpose,
  ): void {
    const log = this.fillLog;
    const at = log.add();
    const v = log.current;
    v[at] = bar;
    v[at + 1] = id;
    v[at + 2] = buy ? 1 : -1;
    v[at + 3] = quantity;
    v[at + 4] = price;
    v[at + 5] = commission;
    v[at + 6] = reasonCode(purpose);
    this.commissionPaid += commission;
  }

  addTrade(
    direction: number,
    entryBar: number,
    entryPrice: number,
    exitBar: number,
    exitPrice: number,
    quantity: number,
    pnl: number,
    returnPercent: number,
    commission: number,
    reason: FillPurpose,
  ): void {
    const log = this.tradeLog;
    const at = log.add();
    const v = log.current;
    v[at] = direction;
    v[at + 1] = entryBar;
    v[at + 2] = entryPrice;
    v[at + 3] = exitBar;
    v[at + 4] = exitPrice;
    v[at + 5] = quantity;
    v[at + 6] = pnl;
    v[at + 7] = returnPercent;
    v[at + 8] = commission;
    v[at + 9] = reasonCode(reason);
    const k = this.pnl.add();
    this.pnl.current[k] = pnl;
  }

  /** Notes the cash and position at the close of `bar` when they differ from the last ones noted. */
  hold(bar: number, cash: number, position: number): void {
    if (Object.is(cash, this.cash) && Object.is(position, this.position)) return;
    this.cash = cash;
    this.position = position;
    const log = this.holdingLog;
    const at = log.add();
    const v = log.current;
    v[at] = bar;
    v[at + 1] = cash;
    v[at + 2] = position;
  }

  /** Cash at the close of each of the first `length` bars. */
  cashColumn(length: number): Float64Array {
    return this.holdingColumn(length, 1, this.initialCash);
  }

  /** Signed quantity held at the close of each of the first `length` bars. */
  positionColumn(length: number): Float64Array {
    return this.holdingColumn(length, 2, 0);
  }

  private holdingColumn(length: number, field: number, initial: number): Float64Array {
    const log = this.holdingLog;
    return stepColumn(
      length,
      initial,
      log.count,
      (k) => log.get(k, 0),
      (k) => log.get(k, field),
    );
  }

  /** Bars of the first `length` closing with a position, and the longest run closing without one. */
  exposure(length: number): { exposedBars: number; longestFlatBars: number } {
    const log = this.holdingLog;
    let exposedBars = 0;
    let flat = 0;
    let longestFlatBars = 0;
    let from = 0;
    let position = 0;
    for (let k = 0; k <= log.count; k++) {
      const to = k < log.count ? Math.min(log.get(k, 0), length) : length;
      if (position !== 0) {
        exposedBars += to - from;
        flat = 0;
      } else {
        flat += to - from;
        if (flat > longestFlatBars) longestFlatBars = flat;
      }
      if (to === length) break;
      from = to;
      position = log.get(k, 2);
    }
    return { exposedBars, longestFlatBars };
  }

  /** Each closed trade's P&L, in closing order. */
  tradePnl(): Float64Array {
    const log = this.pnl;
    const values = new Float64Array(log.count);
    for (let k = 0; k < log.count; k++) values[k] = log.get(k, 0);
    return values;
  }

  get orders(): OrderTicket[] {
    const log = this.orderLog;
    const objects = this.orderObjects;
    for (let k = objects.length; k < log.count; k++) {
      const v = log.chunkOf(k);
      const o = log.offset(k);
      objects.push({
        id: k + 1,
        rule: v[o],
        action: ACTIONS[v[o + 1]],
        orderType: ORDER_TYPES[v[o + 2]],
        timeInForce: v[o + 3] === 0 ? "day" : "gtc",
        limitPrice: Number.isNaN(v[o + 4]) ? null : v[o + 4],
        stopPrice: Number.isNaN(v[o + 5]) ? null : v[o + 5],
        purpose: REASONS[v[o + 6]] as FillPurpose,
        createdBar: v[o + 7],
        status: STATUSES[v[o + 8]],
      });
    }
    return objects;
  }

  /** The event log; `time` is the run's time column. */
  events(time: Float64Array): OrderEvent[] {
    const log = this.eventLog;
    const objects = this.eventObjects;
    for (let k = objects.length; k < log.count; k++) {
      const v = log.chunkOf(k);
      const o = log.offset(k);
      const event: OrderEvent = {
        bar: v[o],
        time: time[v[o]],
        orderId: v[o + 1],
        status: STATUSES[v[o + 2]],
      };
      const reason = this.reasons.get(k);
      if (reason !== undefined) event.reason = reason;
      objects.push(event);
    }
    return objects;
  }

  fills(time: Float64Array): Fill[] {
    const log = this.fillLog;
    const objects = this.fillObjects;
    for (let k = objects.length; k < log.count; k++) {
      const v = log.chunkOf(k);
      const o = log.offset(k);
      objects.push({
        bar: v[o],
        time: time[v[o]],
        orderId: v[o + 1],
        side: v[o + 2] > 0 ? "buy" : "sell",
        quantity: v[o + 3],
        price: v[o + 4],
        commission: v[o + 5],
        purpose: REASONS[v[o + 6]] as FillPurpose,
      });
    }
    return objects;
  }

  trades(time: Float64Array): Trade[] {
    const log = this.tradeLog;
    const objects = this.tradeObjects;
    for (let k = objects.length; k < log.count; k++) {
      const v = log.chunkOf(k);
      const o = log.offset(k);
      objects.push(
        tradeOf(
          v[o],
          v[o + 1],
          time[v[o + 1]],
          v[o + 2],
          v[o + 3],
          time[v[o + 3]],
          v[o + 4],
          v[o + 5],
          v[o + 6],
          v[o + 7],
          v[o + 8],
          REASONS[v[o + 9]] as Trade["exitReason"],
        ),
      );
    }
    return objects;
  }
}

/** The trade record every reader sees; `direction` is 1 for long, −1 for short. */
export function tradeOf(
  direction: number,
  entryBar: number,
  entryTime: number,
  entryPrice: number,
  exitBar: number,
  exitTime: number,
  exitPrice: number,
  quantity: number,
  pnl: number,
  returnPercent: number,
  commission: number,
  exitReason: Trade["exitReason"],
): Trade {
  return {
    direction: direction > 0 ? "long" : "short",
    entryBar,
    entryTime,
    entryPrice,
    exitBar,
    exitTime,
    exitPrice,
    quantity,
    pnl,
    returnPercent,
    commission,
    barsHeld: exitBar - entryBar,
    exitReason,
  };
}

const ACTIONS: readonly BrokerAction[] = ["enterLong", "enterShort", "exitLong", "exitShort", "exitAll"];
const ORDER_TYPES: readonly OrderType[] = ["market", "limit", "stop", "stopLimit"];
const STATUSES: readonly OrderStatus[] = [
  "created",
  "accepted",
  "filled",
  "cancelled",
  "expired",
  "rejected",
];
/** Fill purposes and trade exit reasons share one numbering. */
const REASONS: readonly (FillPurpose | "open")[] = [
  "entry",
  "signal",
  "stopLoss",
  "takeProfit",
  "trailingStop",
  "exitAfterBars",
  "reverse",
  "open",
];

// Switches, not lookups in an object keyed by name: a keyed load whose key varies goes megamorphic.

function actionCode(action: BrokerAction): number {
  switch (action) {
    case "enterLong":
      return 0;
    case "enterShort":
      return 1;
    case "exitLong":
      return 2;
    case "exitShort":
      return 3;
    case "exitAll":
      return 4;
  }
}

function orderTypeCode(orderType: OrderType): number {
  switch (orderType) {
    case "market":
      return 0;
    case "limit":
      return 1;
    case "stop":
      return 2;
    case "stopLimit":
      return 3;
  }
}

function statusCode(status: OrderStatus): number {
  switch (status) {
    case "created":
      return 0;
    case "accepted":
      return 1;
    case "filled":
      return 2;
    case "cancelled":
      return 3;
    case "expired":
      return 4;
    case "rejected":
      return 5;
  }
}

function reasonCode(reason: FillPurpose | "open"): number {
  switch (reason) {
    case "entry":
      return 0;
    case "signal":
      return 1;
    case "stopLoss":
      return 2;
    case "takeProfit":
      return 3;
    case "trailingStop":
      return 4;
    case "exitAfterBars":
      return 5;
    case "reverse":
      return 6;
    case "open":
      return 7;
  }
}

/**
 * A column of the first `length` bars from a log of changes, oldest first: change k sets the value
 * `valueAt(k)` from bar `barOf(k)` on; before the first change the value is `initial`.
 */
export function stepColumn(
  length: number,
  initial: number,
  changes: number,
  barOf: (k: number) => number,
  valueAt: (k: number) => number,
): Float64Array {
  const column = new Float64Array(length);
  let from = 0;
  let value = initial;
  for (let k = 0; k < changes; k++) {
    const bar = barOf(k);
    if (bar >= length) break;
    column.fill(value, from, bar);
    from = bar;
    value = valueAt(k);
  }
  column.fill(value, from, length);
  return column;
}
