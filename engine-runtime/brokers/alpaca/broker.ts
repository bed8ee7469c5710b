import {
  applyOrderEvent,
  newOrder,
  type OrderEventInput,
  type OrderState,
  TERMINAL_STATES,
  type TrackedOrder,
} from "@/engine-runtime/execution/order-state";
import { type AlpacaBrokerConfigInput, alpacaBrokerConfig } from "./config";
import { AlpacaRequestError, AlpacaTimeoutError, AlpacaTradingRest } from "./rest";
import {
  type AlpacaAccount,
  type AlpacaOrder,
  type AlpacaOrderType,
  type AlpacaTimeInForce,
  alpacaOrderType,
  alpacaTimeInForce,
  type OrderRequest,
  type TradeUpdate,
} from "./schemas";
import { TradeUpdatesStream } from "./stream";

export interface LiveOrder extends TrackedOrder {
  symbol: string;
  side: "buy" | "sell";
  type: AlpacaOrderType;
  timeInForce: AlpacaTimeInForce;
  limitPrice?: number;
  stopPrice?: number;
  /** Alpaca's own id, known once it has acknowledged the order. */
  brokerId?: string;
  /** When we first sent it (ms); a lost submission is only resent while it is fresh. */
  submittedAt: number;
}

export interface OrderTicket {
  clientOrderId: string;
  symbol: string;
  side: "buy" | "sell";
  quantity: number;
  type?: AlpacaOrderType;
  limitPrice?: number;
  stopPrice?: number;
  timeInForce?: AlpacaTimeInForce;
}

/** One execution applied to an order: from trade_updates, or found by reconciliation. */
export interface BrokerFill {
  /** Alpaca's execution id; `reconciled:<filled total>` for fills reconciliation found. */
  fillId: string;
  quantity: number;
  price: number;
  /** When Alpaca says it happened (epoch ms); absent for fills reconciliation found. */
  time?: number;
}

export interface OrderCorrection {
  clientOrderId: string;
  from: OrderState;
  to: OrderState;
  filledFrom: number;
  filledTo: number;
}

/** What reconciliation with Alpaca changed here; empty lists mean we already agreed. */
export interface ReconciliationReport {
  orders: OrderCorrection[];
  /** Open at Alpaca but unknown here (placed elsewhere, or lost from our ledger): now tracked. */
  adopted: string[];
  /** Submissions Alpaca never received, sent again under the same client order id. */
  resubmitted: string[];
  /** Submissions Alpaca never received and too old to send again: marked rejected. */
  abandoned: string[];
  positions: { symbol: string; local: number; broker: number }[];
  account: AlpacaAccount;
  /** Things reconciliation could not settle (e.g. the broker reports less filled than we saw). */
  problems: string[];
}

export interface SavedBrokerState {
  orders?: readonly LiveOrder[];
  positions?: Readonly<Record<string, number>>;
}

export interface AlpacaBrokerOptions {
  /** Called after every change to an order (persist it here). */
  onOrder?: (order: LiveOrder) => void;
  /** Called once per execution applied, after `onOrder` has seen the order it fills. */
  onFill?: (order: LiveOrder, fill: BrokerFill) => void;
  /**
   * Which client order ids are this broker's. Orders of the same account it does not own (another
   * session's, or placed by hand) are neither adopted nor followed. All are owned by default.
   */
  owns?: (clientOrderId: string) => boolean;
  /** A lost submission younger than this is resent; older ones are marked rejected. */
  resubmitWindowMs?: number;
  now?: () => number;
}

const EPSILON = 1e-9;

/**
 * Orders at an Alpaca account, driven by the pure order state machine from the trade_updates
 * stream. `start()` reconciles open orders, positions and the account with Alpaca before it
 * resolves, and `submit` refuses to run before that, so no strategy acts on a stale picture.
 *
 * A submission Alpaca did not answer in time stays in flight (`unknown`) until reconciliation
 * looks it up by client order id: found, its state is taken from Alpaca; not found, it is resent
 * under the same client order id while fresh (Alpaca refuses a second order with an id it already
 * has, so at most one order can exist), and marked rejected once stale.
 */
export class AlpacaBroker {
  readonly rest: AlpacaTradingRest;
  readonly orders = new Map<string, LiveOrder>();
  readonly positions = new Map<string, number>();
  /** Events that contradicted what we knew, kept for the session log. */
  readonly problems: string[] = [];
  account: AlpacaAccount | undefined;
  #stream: TradeUpdatesStream;
  #started = false;
  #reconciling: Promise<ReconciliationReport> | undefined;
  readonly #options: AlpacaBrokerOptions;

  constructor(config: AlpacaBrokerConfigInput, options: AlpacaBrokerOptions = {}) {
    const parsed = alpacaBrokerConfig.parse(config);
    this.#options = options;
    this.rest = new AlpacaTradingRest(parsed);
    this.#stream = new TradeUpdatesStream(parsed, {
      update: (update) => this.applyTradeUpdate(update),
      resubscribed: () => void this.reconcile().catch((error) => this.problems.push(String(error))),
      failed: (error) => this.problems.push(error.message),
    });
  }

  /**
   * Listens to trade_updates first (so nothing is missed between the two), then reconciles.
   * Resolves with what reconciliation corrected; only then may orders be submitted.
   */
  async start(saved: SavedBrokerState = {}): Promise<ReconciliationReport> {
    for (const order of saved.orders ?? []) this.orders.set(order.clientOrderId, order);
    for (const [symbol, quantity] of Object.entries(saved.positions ?? {}))
      this.positions.set(symbol, quantity);
    await this.#stream.open();
    const report = await this.reconcile();
    this.#started = true;
    return report;
  }

  stop(): void {
    this.#stream.close();
  }

  async submit(ticket: OrderTicket): Promise<LiveOrder> {
    if (!this.#started) {
      throw new Error(`Order ${ticket.clientOrderId} was placed before reconciliation with Alpaca finished.`);
    }
    if (this.orders.has(ticket.clientOrderId)) {
      throw new Error(`Client order id ${ticket.clientOrderId} is already used; each order needs its own.`);
    }
    const order: LiveOrder = {
      ...newOrder(ticket.clientOrderId, ticket.quantity),
      symbol: ticket.symbol,
      side: ticket.side,
      type: ticket.type ?? "market",
      timeInForce: ticket.timeInForce ?? "day",
      ...(ticket.limitPrice === undefined ? {} : { limitPrice: ticket.limitPrice }),
      ...(ticket.stopPrice === undefined ? {} : { stopPrice: ticket.stopPrice }),
      submittedAt: this.#now(),
    };
    this.#store(order);
    await this.#send(order.clientOrderId, toRequest(order));
    return this.orders.get(order.clientOrderId)!;
  }

  async cancel(clientOrderId: string): Promise<void> {
    const order = this.orders.get(clientOrderId);
    if (!order) throw new Error(`There is no order ${clientOrderId} to cancel.`);
    if (TERMINAL_STATES.has(order.state)) return;
    const brokerId = order.brokerId ?? (await this.rest.orderByClientId(clientOrderId))?.id;
    if (!brokerId) throw new Error(`Alpaca has no order ${clientOrderId} to cancel yet.`);
    // The stream's canceled event moves the state: Alpaca may still fill before it cancels.
    await this.rest.cancelOrder(brokerId);
  }

  /** One trade_updates event, applied through the state machine; a repeated fill changes nothing. */
  applyTradeUpdate(update: TradeUpdate): void {
    const id = update.order.client_order_id;
    let order = this.orders.get(id);
    if (!order) {
      if (!(update.order.qty > 0) || !this.#owns(id)) return;
      order = adopt(update.order, this.#now());
      this.#store(order);
    }
    if (!order.brokerId) this.#store({ ...order, brokerId: update.order.id });
    const event = eventOf(update);
    if (!event) return;
    const step = this.#apply(id, event);
    if (step.applied && event.type === "fill") {
      const signed = order.side === "buy" ? event.quantity : -event.quantity;
      this.positions.set(order.symbol, (this.positions.get(order.symbol) ?? 0) + signed);
      const time = update.timestamp === undefined ? Number.NaN : Date.parse(update.timestamp);
      this.#options.onFill?.(this.orders.get(id)!, {
        fillId: event.fillId,
        quantity: event.quantity,
        price: event.price,
        ...(Number.isFinite(time) ? { time } : {}),
      });
    }
  }

  /**
   * Brings orders, positions and the account in line with Alpaca; one run at a time. With
   * `resend: false` (when trading stops) a lost submission is marked rejected however fresh.
   */
  reconcile(options: { resend?: boolean } = {}): Promise<ReconciliationReport> {
    this.#reconciling ??= this.#reconcile(options.resend ?? true).finally(() => {
      this.#reconciling = undefined;
    });
    return this.#reconciling;
  }

  /** Signed units the account holds in `symbol` now, asked of Alpaca (positive long, negative short). */
  async heldAtAlpaca(symbol: string): Promise<number> {
    const position = (await this.rest.positions()).find((p) => p.symbol === symbol);
    if (!position) return 0;
    return position.side === "short" ? -Math.abs(position.qty) : Math.abs(position.qty);
  }

  async #reconcile(resend: boolean): Promise<ReconciliationReport> {
    const report: Omit<ReconciliationReport, "account"> = {
      orders: [],
      adopted: [],
      resubmitted: [],
      abandoned: [],
      positions: [],
      problems: [],
    };
    const open = new Map((await this.rest.openOrders()).map((o) => [o.client_order_id, o]));
    for (const order of [...this.orders.values()]) {
      if (TERMINAL_STATES.has(order.state)) continue;
      const remote = open.get(order.clientOrderId) ?? (await this.rest.orderByClientId(order.clientOrderId));
      if (remote) {
        this.#settle(order, remote, report);
      } else if (resend && this.#now() - order.submittedAt <= (this.#options.resubmitWindowMs ?? 60_000)) {
        report.resubmitted.push(order.clientOrderId);
        await this.#send(order.clientOrderId, toRequest(order));
      } else {
        report.abandoned.push(order.clientOrderId);
        this.#apply(order.clientOrderId, { type: "rejected", reason: "Alpaca never received this order." });
      }
    }
    for (const [clientOrderId, remote] of open) {
      if (this.orders.has(clientOrderId) || !(remote.qty > 0) || !this.#owns(clientOrderId)) continue;
      report.adopted.push(clientOrderId);
      this.#store(adopt(remote, this.#now()));
      this.#settle(this.orders.get(clientOrderId)!, remote, report);
    }
    const held = new Map<string, number>();
    for (const position of await this.rest.positions()) {
      held.set(position.symbol, position.side === "short" ? -Math.abs(position.qty) : Math.abs(position.qty));
    }
    for (const symbol of new Set([...held.keys(), ...this.positions.keys()])) {
      const local = this.positions.get(symbol) ?? 0;
      const broker = held.get(symbol) ?? 0;
      if (Math.abs(local - broker) > EPSILON) report.positions.push({ symbol, local, broker });
      if (broker === 0) this.positions.delete(symbol);
      else this.positions.set(symbol, broker);
    }
    this.account = await this.rest.account();
    return { ...report, account: this.account };
  }

  #settle(order: LiveOrder, remote: AlpacaOrder, report?: Omit<ReconciliationReport, "account">): void {
    if (!order.brokerId) this.#store({ ...order, brokerId: remote.id });
    const step = this.#apply(order.clientOrderId, {
      type: "reconciled",
      state: stateOf(remote),
      filledQuantity: remote.filled_qty,
      ...(Number.isFinite(remote.filled_avg_price) ? { averagePrice: remote.filled_avg_price } : {}),
    });
    const after = this.orders.get(order.clientOrderId)!;
    if (step.applied && after.filledQuantity > order.filledQuantity) this.#filledMeanwhile(order, after);
    if (!report) return;
    if (step.problem) report.problems.push(step.problem);
    if (after.state !== order.state || after.filledQuantity !== order.filledQuantity) {
      report.orders.push({
        clientOrderId: order.clientOrderId,
        from: order.state,
        to: after.state,
        filledFrom: order.filledQuantity,
        filledTo: after.filledQuantity,
      });
    }
  }

  /**
   * Alpaca filled more than we saw (while nobody listened): the difference becomes one fill at the
   * price that moves our average to Alpaca's.
   */
  #filledMeanwhile(before: LiveOrder, after: LiveOrder): void {
    const quantity = after.filledQuantity - before.filledQuantity;
    const price =
      before.filledQuantity === 0
        ? after.averagePrice
        : (after.averagePrice * after.filledQuantity - before.averagePrice * before.filledQuantity) /
          quantity;
    if (!(price > 0)) {
      this.problems.push(
        `Alpaca reports ${quantity} more filled of order ${after.clientOrderId} but no average price for it.`,
      );
      return;
    }
    this.#options.onFill?.(after, { fillId: `reconciled:${after.filledQuantity}`, quantity, price });
  }

  async #send(clientOrderId: string, request: OrderRequest): Promise<void> {
    try {
      const answer = await this.rest.submitOrder(request);
      const order = this.orders.get(clientOrderId)!;
      this.#store({ ...order, brokerId: answer.id });
      if (answer.status === "rejected")
        this.#apply(clientOrderId, { type: "rejected", reason: "Alpaca rejected the order." });
      else this.#apply(clientOrderId, { type: "accepted" });
    } catch (error) {
      if (error instanceof AlpacaTimeoutError) {
        this.#apply(clientOrderId, { type: "timeout" });
      } else if (
        error instanceof AlpacaRequestError &&
        error.status === 422 &&
        /client_order_id/i.test(error.message)
      ) {
        // A resend met the first submission, which did arrive after all: take Alpaca's account of it.
        const remote = await this.rest.orderByClientId(clientOrderId);
        if (remote) this.#settle(this.orders.get(clientOrderId)!, remote);
      } else if (error instanceof AlpacaRequestError && error.status >= 400 && error.status < 500) {
        this.#apply(clientOrderId, { type: "rejected", reason: error.message });
      } else {
        // Connection refused or a 5xx: whether the order exists is unknown until reconciled.
        this.#apply(clientOrderId, { type: "timeout" });
      }
    }
  }

  #apply(clientOrderId: string, event: OrderEventInput) {
    const order = this.orders.get(clientOrderId)!;
    const step = applyOrderEvent(order, event);
    if (step.problem) this.problems.push(step.problem);
    if (step.applied) this.#store({ ...order, ...step.order });
    return step;
  }

  #store(order: LiveOrder): void {
    this.orders.set(order.clientOrderId, order);
    this.#options.onOrder?.(order);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #owns(clientOrderId: string): boolean {
    return this.#options.owns?.(clientOrderId) ?? true;
  }
}

/** The request for an order, the same at a resend as at the first submission. */
function toRequest(order: LiveOrder): OrderRequest {
  return {
    symbol: order.symbol,
    qty: String(order.quantity),
    side: order.side,
    type: order.type,
    time_in_force: order.timeInForce,
    ...(order.limitPrice === undefined ? {} : { limit_price: String(order.limitPrice) }),
    ...(order.stopPrice === undefined ? {} : { stop_price: String(order.stopPrice) }),
    client_order_id: order.clientOrderId,
  };
}

function adopt(remote: AlpacaOrder, now: number): LiveOrder {
  const type = alpacaOrderType.safeParse(remote.type);
  const timeInForce = alpacaTimeInForce.safeParse(remote.time_in_force);
  return {
    ...newOrder(remote.client_order_id, remote.qty),
    symbol: remote.symbol,
    side: remote.side,
    // A type Strata never sends (a trailing stop placed by hand) reads as market; an adopted order
    // exists at Alpaca, so it is followed and never resent.
    type: type.success ? type.data : "market",
    timeInForce: timeInForce.success ? timeInForce.data : "day",
    ...(Number.isFinite(remote.limit_price) ? { limitPrice: remote.limit_price } : {}),
    ...(Number.isFinite(remote.stop_price) ? { stopPrice: remote.stop_price } : {}),
    brokerId: remote.id,
    submittedAt: now,
  };
}

/** Alpaca's many statuses in the state machine's words; the waiting ones are all "accepted". */
export function stateOf(order: AlpacaOrder): OrderState {
  switch (order.status) {
    case "partially_filled":
      return "partiallyFilled";
    case "filled":
      return "filled";
    case "canceled":
    case "replaced":
      return "canceled";
    case "expired":
      return "expired";
    case "rejected":
      return "rejected";
    default:
      return order.filled_qty > 0 ? "partiallyFilled" : "accepted";
  }
}

function eventOf(update: TradeUpdate): OrderEventInput | undefined {
  switch (update.event) {
    case "new":
    case "accepted":
    case "pending_new":
      return { type: "accepted" };
    case "partial_fill":
    case "fill":
      return {
        type: "fill",
        // Alpaca ids each execution; without one, the running total identifies this fill.
        fillId: update.execution_id ?? `${update.order.id}:${update.order.filled_qty}`,
        quantity: update.qty,
        price: update.price,
      };
    case "canceled":
    case "replaced":
      return { type: "canceled" };
    case "expired":
      return { type: "expired" };
    case "rejected":
      return { type: "rejected", reason: "Alpaca rejected the order." };
    default:
      return undefined;
  }
}
