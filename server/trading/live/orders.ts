import type { AlpacaOrderType } from "@/engine-runtime/brokers/alpaca/schemas";
import { floorToLot } from "@/engine-runtime/execution/rounding";
import type { RunSettings } from "@/engine-runtime/execution/settings";
import type { BrokerAction, OrderTicket, OrderType } from "@/engine-runtime/execution/types";
import type { OrderRule } from "@/nodes/core/orders";
import type { BarRecord } from "../ledger";

/**
 * What the strategy's decisions on one bar become at the broker. The simulated book decides
 * whether a signal acts (see session.ts); sizes come from what is really held: an exit closes the
 * session's own holding, never more than the account holds now, and an entry is sized at the
 * signal bar's close (or its limit or stop price) from the session's real equity.
 */

/** One order the session records for a bar: sent to the broker, or skipped with the reason. */
export interface LiveIntent {
  clientOrderId: string;
  rule: number;
  action: BrokerAction;
  /** What the broker is asked for: an attached exit the simulation saw hit goes as a market order. */
  orderType: OrderType;
  purpose: string;
  limitPrice: number | null;
  stopPrice: number | null;
  timeInForce: "day" | "gtc";
  side: "buy" | "sell" | null;
  quantity: number | null;
  /** Why it was not sent; absent for orders that go to the broker. */
  skipped?: string;
}

export interface Holdings {
  /** Signed units the session's own fills add up to. */
  session: number;
  /** Signed units the account holds in the symbol now. */
  account: number;
  /** The session's cash plus its position at the bar's close. */
  equity: number;
  close: number;
}

export const STALE =
  "The bar closed while the session was not following the feed; Strata does not send orders on old signals.";
const NOTHING_HELD = "Nothing is held at the broker to exit, so no order was sent.";

/** Units of a holding that can be closed: the session's, at most what the account holds on the same side. */
export function closable(session: number, account: number): number {
  if (session === 0 || Math.sign(session) !== Math.sign(account)) return 0;
  return Math.min(Math.abs(session), Math.abs(account));
}

/** The orders a bar's new decisions become. `holdings` is not changed. */
export function decide(
  record: BarRecord,
  rules: readonly OrderRule[],
  settings: RunSettings,
  holdings: Holdings,
): LiveIntent[] {
  const lastStatus = new Map(record.orders.map((o) => [o.clientOrderId, o.event]));
  let session = holdings.session;
  let account = holdings.account;
  const intents: LiveIntent[] = [];
  for (const { clientOrderId, ticket } of record.orders) {
    if (!ticket) continue;
    const base = baseOf(clientOrderId, ticket);
    const last = lastStatus.get(clientOrderId)!;
    if (last.status === "rejected" || last.status === "cancelled") {
      intents.push({
        ...base,
        skipped: last.reason ?? `The strategy ${last.status} it on the bar it placed it.`,
      });
      continue;
    }
    const entry = ticket.action === "enterLong" || ticket.action === "enterShort";
    if (!entry) {
      const side = ticket.action === "exitLong" ? 1 : ticket.action === "exitShort" ? -1 : Math.sign(session);
      const quantity = Math.sign(session) === side ? closable(session, account) : 0;
      if (quantity === 0) {
        intents.push({ ...base, skipped: NOTHING_HELD });
        continue;
      }
      // An attached exit was hit inside the bar in the simulation: at the broker it closes now.
      const attached = ticket.rule < 0;
      intents.push({
        ...base,
        ...(attached ? { orderType: "market", limitPrice: null, stopPrice: null, timeInForce: "day" } : {}),
        side: session > 0 ? "sell" : "buy",
        quantity,
      });
      session -= side * quantity;
      account -= side * quantity;
      continue;
    }
    const direction = ticket.action === "enterLong" ? 1 : -1;
    const opposite = closable(session, account);
    if (opposite > 0 && Math.sign(session) === -direction) {
      // A reverse: the opposite holding closes first, in an order of its own.
      intents.push({
        ...base,
        clientOrderId: `${clientOrderId}-close`,
        action: direction > 0 ? "exitShort" : "exitLong",
        orderType: "market",
        purpose: "reverse",
        limitPrice: null,
        stopPrice: null,
        timeInForce: "day",
        side: direction > 0 ? "buy" : "sell",
        quantity: opposite,
      });
      session += direction * opposite;
      account += direction * opposite;
    }
    const reference = ticket.limitPrice ?? ticket.stopPrice ?? holdings.close;
    const quantity = entryQuantity(rules[ticket.rule], settings, holdings.equity, reference);
    if (typeof quantity === "string") {
      intents.push({ ...base, skipped: quantity });
      continue;
    }
    intents.push({ ...base, side: direction > 0 ? "buy" : "sell", quantity });
    session += direction * quantity;
    account += direction * quantity;
  }
  return intents;
}

/** Orders sent on earlier bars that the strategy dropped on this one (replaced, expired, or exit with nothing left). */
export function withdrawn(record: BarRecord): string[] {
  return record.orders
    .filter(
      ({ ticket, event }) =>
        !ticket &&
        (event.status === "cancelled" || event.status === "expired" || event.status === "rejected"),
    )
    .map(({ clientOrderId }) => clientOrderId);
}

/** A bar's decisions recorded without sending any (a bar that closed while the session was away). */
export function skippedAll(record: BarRecord, reason: string): LiveIntent[] {
  return record.orders.flatMap(({ clientOrderId, ticket }) =>
    ticket ? [{ ...baseOf(clientOrderId, ticket), skipped: reason }] : [],
  );
}

/**
 * Units for an entry, as the simulation sizes them but at the reference price and the session's
 * real equity; a sentence when it cannot be sized.
 */
function entryQuantity(
  rule: OrderRule | undefined,
  settings: RunSettings,
  equity: number,
  price: number,
): number | string {
  const { lotSize, defaultQuantity, commission } = settings;
  const sizing = rule?.sizing;
  let quantity: number;
  if (!sizing) quantity = floorToLot(defaultQuantity, lotSize);
  else if (sizing.mode === "fixedQuantity") quantity = floorToLot(sizing.quantity, lotSize);
  else if (sizing.mode === "riskPercent") {
    const stop = rule?.stopLoss;
    if (!stop || stop.mode === "slot") {
      return "Risk-percent sizing needs a stop loss given in percent or points to size an order before it is sent.";
    }
    const distance = stop.mode === "percent" ? (price * stop.value) / 100 : stop.value;
    quantity = floorToLot((equity * sizing.percent) / 100 / distance, lotSize);
  } else {
    const budget = sizing.mode === "fixedCash" ? sizing.cash : (equity * sizing.percent) / 100;
    quantity = floorToLot(
      (budget - commission.perOrder) / (price * (1 + commission.percent / 100) + commission.perUnit),
      lotSize,
    );
  }
  return quantity > 0 ? quantity : `The order's size rounds down to zero lots of ${lotSize}.`;
}

/** Alpaca's name for an order type. */
export function alpacaTypeOf(orderType: OrderType): AlpacaOrderType {
  return orderType === "stopLimit" ? "stop_limit" : orderType;
}

function baseOf(clientOrderId: string, ticket: OrderTicket): LiveIntent {
  return {
    clientOrderId,
    rule: ticket.rule,
    action: ticket.action,
    orderType: ticket.orderType,
    purpose: ticket.purpose,
    limitPrice: ticket.limitPrice,
    stopPrice: ticket.stopPrice,
    timeInForce: ticket.orderType === "market" ? "day" : ticket.timeInForce,
    side: null,
    quantity: null,
  };
}
