import { describe, expect, it } from "vitest";
import { runSettings } from "@/engine-runtime/execution/settings";
import type { OrderStatus, OrderTicket } from "@/engine-runtime/execution/types";
import type { OrderRule } from "@/nodes/core/orders";
import type { BarRecord, LedgerOrderEvent } from "../ledger";
import { decide, withdrawn } from "./orders";

const TIME = 1_000;
const settings = runSettings({ defaultQuantity: 10 });
const enterLong: OrderRule = { action: "enterLong", when: 6, orderType: "market", timeInForce: "gtc" };
const exitLong: OrderRule = { action: "exitLong", when: 7, orderType: "market", timeInForce: "gtc" };

function ticket(overrides: Partial<OrderTicket>): OrderTicket {
  return {
    id: 1,
    rule: 0,
    action: "enterLong",
    orderType: "market",
    timeInForce: "gtc",
    limitPrice: null,
    stopPrice: null,
    purpose: "entry",
    createdBar: 0,
    status: "accepted",
    ...overrides,
  };
}

/** The events of one order on this bar: the first carries the ticket, as the recorder writes them. */
function placed(id: string, t: OrderTicket, statuses: OrderStatus[], reason?: string): LedgerOrderEvent[] {
  return statuses.map((status, i) => ({
    clientOrderId: id,
    event: {
      bar: 0,
      time: TIME,
      orderId: t.id,
      status,
      ...(reason && i === statuses.length - 1 ? { reason } : {}),
    },
    ...(i === 0 ? { ticket: t } : {}),
  }));
}

const record = (orders: LedgerOrderEvent[]): BarRecord => ({ time: TIME, close: 12, orders, fills: [] });

describe("turning a bar's decisions into broker orders", () => {
  it("reverses a short by closing it in an order of its own, then entering", () => {
    const intents = decide(
      record(placed("s-1000-0", ticket({}), ["created", "accepted"])),
      [enterLong],
      settings,
      { session: -5, account: -5, equity: 10_000, close: 12 },
    );
    expect(
      intents.map((i) => [i.clientOrderId, i.purpose, i.side, i.quantity, i.orderType]),
      "buy 5 to close the short, then buy the entry's 10",
    ).toEqual([
      ["s-1000-0-close", "reverse", "buy", 5, "market"],
      ["s-1000-0", "entry", "buy", 10, "market"],
    ]);
  });

  it("exits the session's holding but never more than the account holds", () => {
    const [exit] = decide(
      record(placed("s-1000-1", ticket({ rule: 1, action: "exitLong", purpose: "signal" }), ["created"])),
      [enterLong, exitLong],
      settings,
      { session: 10, account: 7, equity: 10_000, close: 12 },
    );
    expect([exit!.side, exit!.quantity], "3 were sold by hand at the broker: 7 remain to sell").toEqual([
      "sell",
      7,
    ]);
  });

  it("skips an exit when the account holds the other side, so it cannot deepen it", () => {
    const [exit] = decide(
      record(placed("s-1000-1", ticket({ rule: 1, action: "exitLong", purpose: "signal" }), ["created"])),
      [enterLong, exitLong],
      settings,
      { session: 10, account: -4, equity: 10_000, close: 12 },
    );
    expect(exit!.skipped, "nothing of the session's long is at the broker").toBe(
      "Nothing is held at the broker to exit, so no order was sent.",
    );
  });

  it("sends an attached stop the simulation saw hit as a market order at the close", () => {
    const stop = ticket({
      rule: -1,
      action: "exitLong",
      orderType: "stop",
      stopPrice: 11.5,
      purpose: "stopLoss",
    });
    const [exit] = decide(
      record(placed("s-1000-x", stop, ["created", "accepted", "filled"])),
      [enterLong],
      settings,
      {
        session: 10,
        account: 10,
        equity: 10_000,
        close: 12,
      },
    );
    expect(
      [exit!.orderType, exit!.stopPrice, exit!.timeInForce, exit!.purpose, exit!.quantity],
      "the level was already reached: waiting on it at the broker would be late twice",
    ).toEqual(["market", null, "day", "stopLoss", 10]);
  });

  it("sizes a percent-of-equity entry at its limit price from the session's real equity", () => {
    const rule: OrderRule = {
      ...enterLong,
      orderType: "limit",
      sizing: { mode: "percentOfEquity", percent: 50 },
    };
    const [entry] = decide(
      record(placed("s-1000-0", ticket({ orderType: "limit", limitPrice: 11 }), ["created", "accepted"])),
      [rule],
      settings,
      { session: 0, account: 0, equity: 8_000, close: 12 },
    );
    expect(
      [entry!.quantity, entry!.limitPrice, entry!.timeInForce],
      "4000 / 11 = 363 whole units, good till cancelled",
    ).toEqual([363, 11, "gtc"]);
  });

  it("records an order the strategy refused on the bar it placed it as skipped, with the strategy's reason", () => {
    const [entry] = decide(
      record(
        placed(
          "s-1000-0",
          ticket({ orderType: "limit" }),
          ["created", "rejected"],
          "The limit price has no positive value on this bar.",
        ),
      ),
      [enterLong],
      settings,
      { session: 0, account: 0, equity: 10_000, close: 12 },
    );
    expect(entry!.skipped).toBe("The limit price has no positive value on this bar.");
  });

  it("names the earlier orders the strategy dropped on this bar, to cancel at the broker", () => {
    const dropped = record([
      { clientOrderId: "s-500-0", event: { bar: 1, time: TIME, orderId: 1, status: "cancelled" } },
      { clientOrderId: "s-600-0", event: { bar: 1, time: TIME, orderId: 2, status: "filled" } },
      { clientOrderId: "s-700-0", event: { bar: 1, time: TIME, orderId: 3, status: "expired" } },
    ]);
    expect(
      withdrawn(dropped),
      "cancelled and expired ones; a simulated fill changes nothing at the broker",
    ).toEqual(["s-500-0", "s-700-0"]);
  });
});
