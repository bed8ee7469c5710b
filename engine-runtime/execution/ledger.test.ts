import { describe, expect, test } from "vitest";
import { Ledger } from "./ledger";

const time = Float64Array.from({ length: 10_000 }, (_, bar) => 1_000 * bar);

describe("the ledger keeps records as numbers and reads them back as objects", () => {
  test("thousands of fills survive the chunk boundaries in order", () => {
    const ledger = new Ledger(1_000);
    for (let k = 0; k < 5_000; k++) ledger.addFill(k, k + 1, k % 2 === 0, 1, 100 + k / 100, 0.5, "entry");
    const fills = ledger.fills(time);
    expect(fills.length, "one object per fill").toBe(5_000);
    expect(fills[4_321], "a fill far past the first chunk reads back its own numbers").toEqual({
      bar: 4_321,
      time: 4_321_000,
      orderId: 4_322,
      side: "sell",
      quantity: 1,
      price: 143.21,
      commission: 0.5,
      purpose: "entry",
    });
    expect(ledger.commissionPaid, "commissions add up in fill order").toBe(2_500);
    expect(ledger.fills(time)[0], "reading again returns the same objects").toBe(fills[0]);
  });

  test("an order read before it fills follows its later status and prices", () => {
    const ledger = new Ledger(1_000);
    const id = ledger.addOrder(0, "exitLong", "stop", "day", "stopLoss", 3);
    ledger.addEvent(3, id, "created");
    const [ticket] = ledger.orders;
    expect(ticket, "a new order has no prices and is created").toMatchObject({
      id: 1,
      action: "exitLong",
      orderType: "stop",
      timeInForce: "day",
      limitPrice: null,
      stopPrice: null,
      status: "created",
    });
    ledger.setStopPrice(id, 98.5);
    ledger.addEvent(4, id, "cancelled", "The position it would exit is closed.");
    expect(ticket.stopPrice, "the stop set after the first read").toBe(98.5);
    expect(ticket.status, "the status changed after the first read").toBe("cancelled");
    expect(
      ledger.events(time).map((event) => [event.bar, event.status, event.reason]),
      "every change, with its reason",
    ).toEqual([
      [3, "created", undefined],
      [4, "cancelled", "The position it would exit is closed."],
    ]);
  });

  test("cash and position curves and exposure follow the holdings noted at closes", () => {
    const ledger = new Ledger(1_000);
    ledger.hold(0, 1_000, 0);
    ledger.hold(2, 900, 1);
    ledger.hold(3, 900, 1);
    ledger.hold(5, 1_010, 0);
    expect(Array.from(ledger.cashColumn(8)), "cash steps at bars 2 and 5").toEqual([
      1_000, 1_000, 900, 900, 900, 1_010, 1_010, 1_010,
    ]);
    expect(Array.from(ledger.positionColumn(8)), "held over bars 2 to 4").toEqual([0, 0, 1, 1, 1, 0, 0, 0]);
    expect(ledger.exposure(8), "3 bars held; flat runs of 2 and 3 bars").toEqual({
      exposedBars: 3,
      longestFlatBars: 3,
    });
  });
});
