import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyOrderEvent,
  canMove,
  newOrder,
  type OrderEventInput,
  type OrderState,
  TERMINAL_STATES,
  type TrackedOrder,
} from "./order-state";

const STATES: OrderState[] = [
  "new",
  "accepted",
  "partiallyFilled",
  "filled",
  "canceled",
  "rejected",
  "expired",
];

/** Events as a broker's stream would send them: repeated fill ids, fills too big, late news, timeouts. */
const eventArb: fc.Arbitrary<OrderEventInput> = fc.oneof(
  fc.constant({ type: "accepted" as const }),
  fc.record({
    type: fc.constant("fill" as const),
    fillId: fc.constantFrom("f1", "f2", "f3", "f4", "f5", "f6"),
    quantity: fc.integer({ min: 1, max: 6 }),
    price: fc.integer({ min: 90, max: 110 }),
  }),
  fc.constant({ type: "canceled" as const }),
  fc.constant({ type: "rejected" as const, reason: "insufficient buying power" }),
  fc.constant({ type: "expired" as const }),
  fc.constant({ type: "timeout" as const }),
  fc.record({
    type: fc.constant("reconciled" as const),
    state: fc.constantFrom(...STATES),
    filledQuantity: fc.integer({ min: 0, max: 12 }),
  }),
);

describe("order state machine", () => {
  it("never makes an invalid move, never fills past the order, and never leaves a final state", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(eventArb, { maxLength: 40 }),
        (quantity, events) => {
          let order: TrackedOrder = newOrder("c1", quantity);
          const applied = new Map<string, number>();
          for (const event of events) {
            const before = order;
            const step = applyOrderEvent(order, event);
            order = step.order;
            expect(canMove(before.state, order.state), `${before.state} → ${order.state} is allowed`).toBe(
              true,
            );
            expect(order.filledQuantity, "filled never exceeds the order").toBeLessThanOrEqual(quantity);
            expect(order.filledQuantity, "filled never shrinks").toBeGreaterThanOrEqual(
              before.filledQuantity,
            );
            if (TERMINAL_STATES.has(before.state)) {
              expect(order, "a final state is final: nothing changes after it").toBe(before);
            }
            if (!step.applied)
              expect(order, "an event that is not applied leaves the order as it was").toBe(before);
            if (event.type === "fill" && step.applied) applied.set(event.fillId, event.quantity);
            if (order.state === "filled")
              expect(order.filledQuantity, "filled means all of it").toBe(quantity);
            if (order.state === "partiallyFilled") expect(order.filledQuantity).toBeGreaterThan(0);
          }
          expect(new Set(order.fillIds).size, "each fill id is applied once").toBe(order.fillIds.length);
          // Without reconciliation (which reports totals, not fills), filled is the sum of distinct fills.
          if (!events.some((e) => e.type === "reconciled")) {
            const sum = [...applied.values()].reduce((a, b) => a + b, 0);
            expect(order.filledQuantity, "filled is the sum of the fills applied").toBe(
              Math.min(sum, quantity),
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("applies a fill seen twice once, with the volume-weighted price", () => {
    let order = newOrder("c2", 10);
    order = applyOrderEvent(order, { type: "accepted" }).order;
    order = applyOrderEvent(order, { type: "fill", fillId: "a", quantity: 4, price: 100 }).order;
    const replay = applyOrderEvent(order, { type: "fill", fillId: "a", quantity: 4, price: 100 });
    expect(replay.applied, "the same broker fill id again is a duplicate").toBe(false);
    order = applyOrderEvent(replay.order, { type: "fill", fillId: "b", quantity: 6, price: 105 }).order;
    expect(order.state).toBe("filled");
    expect(order.averagePrice, "(4·100 + 6·105) / 10").toBeCloseTo(103, 12);
  });

  it("keeps a timed-out submission in flight until the broker's account settles it", () => {
    let order = newOrder("c3", 5);
    order = applyOrderEvent(order, { type: "timeout" }).order;
    expect([order.state, order.unknown], "no answer is not a failure: still new, flagged unknown").toEqual([
      "new",
      true,
    ]);
    order = applyOrderEvent(order, { type: "reconciled", state: "accepted", filledQuantity: 2 }).order;
    expect([order.state, order.filledQuantity, order.unknown]).toEqual(["partiallyFilled", 2, false]);
    const refused = applyOrderEvent(order, { type: "fill", fillId: "z", quantity: 4, price: 1 });
    expect(refused.problem, "a fill beyond the order is reported, not applied").toBe(
      "Fill z of 4 would take order c3 past its 5.",
    );
    expect(refused.order.filledQuantity).toBe(2);
  });
});
