import type { z } from "zod";
import type { orderTypeSchema, timeInForceSchema } from "@/nodes/core/orders";

export type OrderType = z.infer<typeof orderTypeSchema>;
export type TimeInForce = z.infer<typeof timeInForceSchema>;

/** Why a fill happened: an entry, or the kind of exit. */
export type ExitReason = "signal" | "stopLoss" | "takeProfit" | "trailingStop" | "exitAfterBars" | "reverse";
export type FillPurpose = "entry" | ExitReason;
export type OrderStatus = "created" | "accepted" | "filled" | "cancelled" | "expired" | "rejected";
export type BrokerAction = "enterLong" | "enterShort" | "exitLong" | "exitShort" | "exitAll";

export interface OrderTicket {
  id: number;
  /** Index of the plan's order rule that placed it; -1 for orders the engine places (attached exits, exitAfterBars). */
  rule: number;
  action: BrokerAction;
  orderType: OrderType;
  timeInForce: TimeInForce;
  /** Rounded to the tick; null when the order type has none. */
  limitPrice: number | null;
  stopPrice: number | null;
  purpose: FillPurpose;
  /** The bar on whose close (or, for attached exits, inside which) the order was placed. */
  createdBar: number;
  /** The latest status; the event log holds every change. */
  status: OrderStatus;
}

/** One change of an order's state. `reason` says why for cancelled, expired and rejected orders. */
export interface OrderEvent {
  bar: number;
  time: number;
  orderId: number;
  status: OrderStatus;
  reason?: string;
}

export interface Fill {
  bar: number;
  time: number;
  orderId: number;
  side: "buy" | "sell";
  quantity: number;
  price: number;
  commission: number;
  purpose: FillPurpose;
}

/** One entry and its exit. P&L is net of the entry's and the exit's commission. */
export interface Trade {
  direction: "long" | "short";
  entryBar: number;
  entryTime: number;
  entryPrice: number;
  exitBar: number;
  exitTime: number;
  exitPrice: number;
  quantity: number;
  pnl: number;
  /** P&L as a percentage of the entry's value. */
  returnPercent: number;
  commission: number;
  barsHeld: number;
  /** "open" marks an entry still held at the end of the data, valued at the last close. */
  exitReason: ExitReason | "open";
}
