/**
 * The life of an order at a broker, as one pure reducer for paper and live trading:
 *
 *   new → accepted → partiallyFilled → filled
 *     ↘       ↘            ↘→ canceled / expired
 *      → rejected / canceled / expired
 *
 * A submission whose answer never came (a timeout) stays in flight, flagged `unknown`, until the
 * broker's own account of it (reconciliation) or a later event settles it: assuming it failed
 * could place a second order, assuming it filled could sell what is not held. Fills carry the
 * broker's id and a fill seen twice (a replayed stream, a reconnect) is applied once.
 */
export type OrderState =
  | "new"
  | "accepted"
  | "partiallyFilled"
  | "filled"
  | "canceled"
  | "rejected"
  | "expired";

export const TERMINAL_STATES: ReadonlySet<OrderState> = new Set([
  "filled",
  "canceled",
  "rejected",
  "expired",
]);

/** Which states each state may move to (a state may always stay itself). */
export const ORDER_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  new: ["accepted", "partiallyFilled", "filled", "canceled", "rejected", "expired"],
  accepted: ["partiallyFilled", "filled", "canceled", "rejected", "expired"],
  partiallyFilled: ["filled", "canceled", "expired"],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

export interface TrackedOrder {
  clientOrderId: string;
  quantity: number;
  state: OrderState;
  filledQuantity: number;
  /** Volume-weighted price of the fills so far; NaN before the first. */
  averagePrice: number;
  /** The submission timed out and nothing the broker said has settled it yet. */
  unknown: boolean;
  /** Broker ids of the fills already applied. */
  fillIds: readonly string[];
  reason?: string;
}

export type OrderEventInput =
  | { type: "accepted" }
  | { type: "fill"; fillId: string; quantity: number; price: number }
  | { type: "canceled"; reason?: string }
  | { type: "rejected"; reason: string }
  | { type: "expired" }
  | { type: "timeout" }
  /** The broker's account of the order, read back from it: its state and total filled so far. */
  | { type: "reconciled"; state: OrderState; filledQuantity: number; averagePrice?: number };

export interface OrderStep {
  order: TrackedOrder;
  /** False when the event changed nothing: a duplicate, or late news about a finished order. */
  applied: boolean;
  /** Set when the event contradicts what is known (e.g. a fill beyond the order's size); the order is unchanged. */
  problem?: string;
}

export function newOrder(clientOrderId: string, quantity: number): TrackedOrder {
  if (!(quantity > 0)) throw new Error(`Order ${clientOrderId} needs a positive quantity; got ${quantity}.`);
  return {
    clientOrderId,
    quantity,
    state: "new",
    filledQuantity: 0,
    averagePrice: Number.NaN,
    unknown: false,
    fillIds: [],
  };
}

/** Tolerance for comparing quantities that went through decimal strings. */
const EPSILON = 1e-9;

export function canMove(from: OrderState, to: OrderState): boolean {
  return from === to || ORDER_TRANSITIONS[from].includes(to);
}

export function applyOrderEvent(order: TrackedOrder, event: OrderEventInput): OrderStep {
  const unchanged = (problem?: string): OrderStep => ({ order, applied: false, problem });
  const terminal = TERMINAL_STATES.has(order.state);
  switch (event.type) {
    case "timeout":
      if (order.state !== "new" || order.unknown) return unchanged();
      return { order: { ...order, unknown: true }, applied: true };
    case "fill": {
      if (order.fillIds.includes(event.fillId)) return unchanged();
      if (terminal && order.state !== "filled") {
        // A fill racing a cancel is real: the broker filled before it cancelled. Reconciliation settles it.
        return unchanged(
          `Fill ${event.fillId} arrived after order ${order.clientOrderId} was ${order.state}.`,
        );
      }
      if (!(event.quantity > 0)) return unchanged(`Fill ${event.fillId} has no quantity.`);
      const filled = order.filledQuantity + event.quantity;
      if (filled > order.quantity + EPSILON) {
        return unchanged(
          `Fill ${event.fillId} of ${event.quantity} would take order ${order.clientOrderId} past its ${order.quantity}.`,
        );
      }
      const averagePrice =
        order.filledQuantity === 0
          ? event.price
          : (order.averagePrice * order.filledQuantity + event.price * event.quantity) / filled;
      const done = filled >= order.quantity - EPSILON;
      return {
        order: {
          ...order,
          filledQuantity: done ? order.quantity : filled,
          averagePrice,
          state: done ? "filled" : "partiallyFilled",
          unknown: false,
          fillIds: [...order.fillIds, event.fillId],
        },
        applied: true,
      };
    }
    case "reconciled": {
      if (terminal) return unchanged();
      if (
        event.filledQuantity + EPSILON < order.filledQuantity ||
        event.filledQuantity > order.quantity + EPSILON
      ) {
        return unchanged(
          `The broker reports ${event.filledQuantity} filled of order ${order.clientOrderId}, which has ${order.filledQuantity} of ${order.quantity} filled here.`,
        );
      }
      const complete = event.filledQuantity >= order.quantity - EPSILON;
      if (
        (event.state === "filled") !== complete &&
        (event.state === "filled" || event.state === "partiallyFilled")
      ) {
        return unchanged(
          `The broker reports order ${order.clientOrderId} ${event.state} with ${event.filledQuantity} of ${order.quantity} filled.`,
        );
      }
      if (event.state === "partiallyFilled" && event.filledQuantity <= 0) {
        return unchanged(
          `The broker reports order ${order.clientOrderId} partially filled with nothing filled.`,
        );
      }
      const state: OrderState = complete
        ? "filled"
        : event.filledQuantity > 0 && (event.state === "new" || event.state === "accepted")
          ? "partiallyFilled"
          : event.state;
      if (!canMove(order.state, state)) {
        return unchanged(`Order ${order.clientOrderId} cannot go from ${order.state} to ${state}.`);
      }
      return {
        order: {
          ...order,
          state,
          filledQuantity: state === "filled" ? order.quantity : event.filledQuantity,
          averagePrice: event.averagePrice ?? order.averagePrice,
          unknown: false,
        },
        applied: true,
      };
    }
    default: {
      const state: OrderState = event.type;
      if (terminal || state === order.state) return unchanged();
      if (!canMove(order.state, state)) {
        return unchanged(`Order ${order.clientOrderId} cannot go from ${order.state} to ${state}.`);
      }
      const reason = "reason" in event ? event.reason : undefined;
      return { order: { ...order, state, unknown: false, ...(reason ? { reason } : {}) }, applied: true };
    }
  }
}
