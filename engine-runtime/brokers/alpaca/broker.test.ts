import { afterEach, describe, expect, it } from "vitest";
import { AlpacaBroker, type LiveOrder } from "./broker";
import { FakeAlpaca } from "./fake-server";

let fake: FakeAlpaca;
let broker: AlpacaBroker;

async function setUp(options: { submitTimeoutMs?: number; resubmitWindowMs?: number } = {}) {
  fake = await new FakeAlpaca().start();
  broker = new AlpacaBroker(
    { ...fake.config, submitTimeoutMs: options.submitTimeoutMs ?? 2_000, reconnectMinMs: 20 },
    { resubmitWindowMs: options.resubmitWindowMs },
  );
  return broker.start();
}

/** Waits for the stream to deliver what a test expects; the cap only keeps a broken test from hanging. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const order = (id: string): LiveOrder => broker.orders.get(id)!;

afterEach(async () => {
  broker?.stop();
  await fake?.close();
});

describe("Alpaca broker adapter", () => {
  it("follows an order from submission through a partial fill to filled, from trade_updates", async () => {
    await setUp();
    const submitted = await broker.submit({
      clientOrderId: "s1-1",
      symbol: "AAPL",
      side: "buy",
      quantity: 10,
    });
    expect(submitted.state, "Alpaca answered the POST, so the order is accepted").toBe("accepted");
    expect(submitted.brokerId, "Alpaca's id is kept for cancels").toBe(fake.byClientId("s1-1").id);
    fake.fill("s1-1", 4, 100);
    await until(() => order("s1-1").state === "partiallyFilled", "the partial fill");
    expect(order("s1-1").filledQuantity, "4 of 10 filled").toBe(4);
    fake.fill("s1-1", 6, 110);
    await until(() => order("s1-1").state === "filled", "the final fill");
    expect(order("s1-1").averagePrice, "VWAP of 4@100 and 6@110").toBeCloseTo(106, 9);
    expect(broker.positions.get("AAPL"), "the position grows by the fills").toBe(10);
  });

  it("applies a fill seen twice once", async () => {
    await setUp();
    fake.knobs.duplicateFills = true;
    await broker.submit({ clientOrderId: "d-1", symbol: "AAPL", side: "buy", quantity: 10 });
    fake.fill("d-1", 3, 100);
    fake.fill("d-1", 3, 101);
    await until(() => order("d-1").fillIds.length === 2, "both fills");
    // A third distinct event proves the duplicates already arrived (the stream keeps order).
    fake.fill("d-1", 4, 102);
    await until(() => order("d-1").state === "filled", "the last fill");
    expect(order("d-1").filledQuantity, "each execution counted once despite being sent twice").toBe(10);
    expect(order("d-1").fillIds, "three distinct executions").toEqual(["exec-1", "exec-2", "exec-3"]);
    expect(broker.positions.get("AAPL"), "the position counts each execution once").toBe(10);
  });

  it("keeps a timed-out submission in flight, then restores it from Alpaca by client order id", async () => {
    await setUp({ submitTimeoutMs: 150 });
    fake.knobs.submitDelayMs = 1_000;
    const submitted = await broker.submit({ clientOrderId: "t-1", symbol: "MSFT", side: "buy", quantity: 5 });
    expect(submitted.unknown, "no answer in time: the outcome is unknown").toBe(true);
    expect(submitted.state, "an unknown order stays new (in flight)").toBe("new");
    fake.fill("t-1", 5, 300, true);
    const report = await broker.reconcile();
    expect(report.orders, "reconciliation takes Alpaca's account of the order").toEqual([
      { clientOrderId: "t-1", from: "new", to: "filled", filledFrom: 0, filledTo: 5 },
    ]);
    expect(order("t-1").unknown, "settled by reconciliation").toBe(false);
    expect(fake.submissions, "the order was not sent twice").toEqual(["t-1"]);
  });

  it("resends a timed-out submission Alpaca never received under the same client order id", async () => {
    await setUp({ submitTimeoutMs: 150 });
    fake.knobs.loseSubmits = 1;
    const submitted = await broker.submit({
      clientOrderId: "l-1",
      symbol: "MSFT",
      side: "sell",
      quantity: 2,
    });
    expect(submitted.unknown, "the request vanished").toBe(true);
    const report = await broker.reconcile();
    expect(report.resubmitted, "fresh and unknown at Alpaca: sent again").toEqual(["l-1"]);
    expect(order("l-1").state, "the resend was accepted").toBe("accepted");
    expect(fake.submissions, "same client order id both times").toEqual(["l-1", "l-1"]);
    expect(fake.orders.size, "one order exists at Alpaca").toBe(1);
  });

  it("marks a stale lost submission rejected instead of trading on an old decision", async () => {
    await setUp({ submitTimeoutMs: 150, resubmitWindowMs: 0 });
    fake.knobs.loseSubmits = 1;
    await broker.submit({ clientOrderId: "old-1", symbol: "MSFT", side: "buy", quantity: 2 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const report = await broker.reconcile();
    expect(report.abandoned, "too old to resend").toEqual(["old-1"]);
    expect(order("old-1").state).toBe("rejected");
    expect(order("old-1").reason).toBe("Alpaca never received this order.");
  });

  it("cancels an open order when Alpaca confirms it", async () => {
    await setUp();
    await broker.submit({
      clientOrderId: "c-1",
      symbol: "AAPL",
      side: "buy",
      quantity: 3,
      type: "limit",
      limitPrice: 90,
    });
    await broker.cancel("c-1");
    await until(() => order("c-1").state === "canceled", "the canceled event");
    expect(fake.byClientId("c-1").status, "Alpaca canceled it").toBe("canceled");
  });

  it("rejects an order Alpaca refuses, with Alpaca's reason", async () => {
    await setUp();
    fake.knobs.rejectReason = "insufficient buying power";
    const rejected = await broker.submit({
      clientOrderId: "r-1",
      symbol: "AAPL",
      side: "buy",
      quantity: 1e6,
    });
    expect(rejected.state).toBe("rejected");
    expect(rejected.reason, "the reason names Alpaca's words").toContain("insufficient buying power");
    await broker.submit({ clientOrderId: "r-2", symbol: "AAPL", side: "buy", quantity: 1 });
    fake.reject("r-2");
    await until(() => order("r-2").state === "rejected", "the rejected event");
  });

  it("reconnects trade_updates after a drop, resubscribes and catches up on what it missed", async () => {
    await setUp();
    await broker.submit({ clientOrderId: "x-1", symbol: "AAPL", side: "buy", quantity: 4 });
    fake.dropStream();
    // Filled while nobody listens: only reconciliation after the resubscribe can tell us.
    fake.fill("x-1", 4, 100);
    await until(() => fake.listeners() === 1 && order("x-1").state === "filled", "resubscribe and catch-up");
    expect(fake.stream.connections.length, "a second connection").toBe(2);
    await broker.submit({ clientOrderId: "x-2", symbol: "AAPL", side: "buy", quantity: 1 });
    fake.fill("x-2", 1, 100);
    await until(() => order("x-2").state === "filled", "an event on the new connection");
  });

  it("at start-up corrects a local order Alpaca says is filled, and the positions and account", async () => {
    fake = await new FakeAlpaca().start();
    const seed = new AlpacaBroker({ ...fake.config, reconnectMinMs: 20 });
    await seed.start();
    await seed.submit({ clientOrderId: "p-1", symbol: "AAPL", side: "buy", quantity: 7 });
    const saved = { orders: [seed.orders.get("p-1")!], positions: { TSLA: 3 } };
    seed.stop();
    fake.fill("p-1", 7, 50, true);
    broker = new AlpacaBroker({ ...fake.config, reconnectMinMs: 20 });
    const report = await broker.start(saved);
    expect(report.orders, "the saved order was accepted; Alpaca filled it while we were down").toEqual([
      { clientOrderId: "p-1", from: "accepted", to: "filled", filledFrom: 0, filledTo: 7 },
    ]);
    expect(report.positions, "AAPL appeared, TSLA was never held at Alpaca").toEqual([
      { symbol: "AAPL", local: 0, broker: 7 },
      { symbol: "TSLA", local: 3, broker: 0 },
    ]);
    expect(Object.fromEntries(broker.positions), "positions now mirror Alpaca").toEqual({ AAPL: 7 });
    expect(report.account.cash, "cash after buying 7 at 50").toBe(100_000 - 350);
  });

  it("refuses orders before reconciliation has run", async () => {
    fake = await new FakeAlpaca().start();
    broker = new AlpacaBroker(fake.config);
    await expect(
      broker.submit({ clientOrderId: "e-1", symbol: "AAPL", side: "buy", quantity: 1 }),
      "no strategy may trade on a stale picture",
    ).rejects.toThrow(/before reconciliation/);
  });
});
