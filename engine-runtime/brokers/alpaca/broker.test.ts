import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { AlpacaBroker, type BrokerFill, type LiveOrder } from "./broker";
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

  it("reports each execution once, and a fill found by reconciliation at the price that makes Alpaca's average", async () => {
    fake = await new FakeAlpaca().start();
    const seen: [string, BrokerFill][] = [];
    broker = new AlpacaBroker(
      { ...fake.config, reconnectMinMs: 20 },
      { onFill: (o, fill) => seen.push([o.clientOrderId, fill]) },
    );
    await broker.start();
    fake.knobs.duplicateFills = true;
    await broker.submit({ clientOrderId: "f-1", symbol: "AAPL", side: "buy", quantity: 10 });
    fake.fill("f-1", 4, 100);
    await until(() => order("f-1").filledQuantity === 4, "the streamed fill");
    fake.fill("f-1", 6, 110, true);
    await broker.reconcile();
    expect(
      seen.map(([id, { fillId, quantity, price }]) => [id, fillId, quantity, price]),
      "4 @ 100 streamed (twice, reported once), then 6 found by reconciliation: 10 at Alpaca's 106 average",
    ).toEqual([
      ["f-1", "exec-1", 4, 100],
      ["f-1", "reconciled:10", 6, 110],
    ]);
    expect(seen[0]![1].time, "a streamed fill carries Alpaca's timestamp").toBeGreaterThan(0);
  });

  it("resends a lost limit order as the same limit order", async () => {
    await setUp({ submitTimeoutMs: 150 });
    fake.knobs.loseSubmits = 1;
    await broker.submit({
      clientOrderId: "lim-1",
      symbol: "AAPL",
      side: "buy",
      quantity: 3,
      type: "stop_limit",
      stopPrice: 95,
      limitPrice: 96,
      timeInForce: "gtc",
    });
    await broker.reconcile();
    const resent = fake.byClientId("lim-1");
    expect(
      [resent.type, resent.time_in_force, resent.stop_price, resent.limit_price, resent.qty],
      "what was asked the first time, not a market order",
    ).toEqual(["stop_limit", "gtc", 95, 96, 3]);
  });

  it("follows only the orders it owns in an account others trade too", async () => {
    fake = await new FakeAlpaca().start();
    const other = new AlpacaBroker({ ...fake.config, reconnectMinMs: 20 });
    await other.start();
    await other.submit({ clientOrderId: "theirs-1", symbol: "AAPL", side: "buy", quantity: 2 });
    broker = new AlpacaBroker(
      { ...fake.config, reconnectMinMs: 20 },
      { owns: (id) => id.startsWith("mine-") },
    );
    const report = await broker.start();
    expect(report.adopted, "another session's open order is not adopted").toEqual([]);
    await broker.submit({ clientOrderId: "mine-1", symbol: "AAPL", side: "buy", quantity: 1 });
    fake.fill("theirs-1", 2, 100);
    fake.fill("mine-1", 1, 100);
    await until(() => order("mine-1").state === "filled", "its own fill");
    expect([...broker.orders.keys()], "the other order never enters this broker's book").toEqual(["mine-1"]);
    other.stop();
  });

  it("when trading stops, marks a lost submission rejected instead of resending it", async () => {
    await setUp({ submitTimeoutMs: 150 });
    fake.knobs.loseSubmits = 1;
    await broker.submit({ clientOrderId: "s-9", symbol: "AAPL", side: "buy", quantity: 1 });
    const report = await broker.reconcile({ resend: false });
    expect(report.abandoned, "not resent at stop").toEqual(["s-9"]);
    expect(fake.submissions, "sent once only").toEqual(["s-9"]);
  });

  it("tells what the account holds in a symbol now, shorts negative", async () => {
    await setUp();
    await broker.submit({ clientOrderId: "h-1", symbol: "MSFT", side: "sell", quantity: 5 });
    fake.fill("h-1", 5, 300, true);
    expect(await broker.heldAtAlpaca("MSFT"), "a short of 5").toBe(-5);
    expect(await broker.heldAtAlpaca("AAPL"), "nothing held").toBe(0);
  });

  it("refuses to start when Alpaca cannot be reached, naming the address, instead of waiting in silence", async () => {
    const gone = await new FakeAlpaca().start();
    const { config } = gone;
    await gone.close();
    broker = new AlpacaBroker({ ...config, reconnectMinMs: 20 });
    await expect(broker.start(), "the account stream's address is in the sentence").rejects.toThrow(
      `Could not reach Alpaca's account stream at ${config.streamUrl}`,
    );
    await expect(broker.rest.account(), "so is the Trading API's").rejects.toThrow(
      `Could not reach Alpaca at ${new URL(config.tradingUrl).host} for GET /v2/account`,
    );
  });

  it("gives up on an account stream that accepts the connection but never lets it listen", async () => {
    fake = await new FakeAlpaca().start();
    const silent = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise((resolve) => silent.once("listening", resolve));
    const streamUrl = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/stream`;
    broker = new AlpacaBroker({ ...fake.config, streamUrl, requestTimeoutMs: 150 });
    await expect(broker.start(), "no answer to auth within the request timeout").rejects.toThrow(
      `Alpaca's account stream at ${streamUrl} did not start within 150 ms.`,
    );
    for (const client of silent.clients) client.terminate();
    await new Promise((resolve) => silent.close(resolve));
  });
});
