import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_KEY, FakeAlpaca } from "@/engine-runtime/brokers/alpaca/fake-server";
import type { Bar } from "@/engine-runtime/data/bars";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import { createMemoryBus } from "@/server/bus/bus";
import { CredentialVault } from "@/server/data/credentials";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { createLogger } from "@/server/ops/log";
import { createSecretBox } from "@/server/security/secrets";
import { describeWithService, testDatabaseUrl } from "@/server/testing/backends";
import { createScratchDatabase } from "@/server/testing/postgres";
import { saveStrategy } from "@/server/testing/strategies";
import { clientOrderId, money } from "@/server/trading/ledger";
import { PAPER_CONTROL_TOPIC, PaperRuntime } from "@/server/trading/runtime";
import { LiveSessions } from "./session";
import { HandMarket } from "./testing/hand-market";

/**
 * Live sessions end to end: the paper runtime on embedded PGlite (and on PostgreSQL when
 * TEST_DATABASE_URL is set), the Alpaca adapter against the fake Alpaca on 127.0.0.1, and a
 * market whose bars close when the test says. An SMA 2/3 crossover
 * enters on bar 5 and exits on bar 9 of these closes (its simulated fills come a bar later).
 */
const DAY = 86_400_000;
const CLOSES = [10, 10, 10, 10, 10, 12, 13, 14, 13, 11, 10, 10];
const BARS: Bar[] = CLOSES.map((close, i) => ({
  time: DAY * (i + 1),
  open: close,
  high: close + 0.5,
  low: close - 0.5,
  close,
  volume: 100,
}));
const ENTRY_BAR = 5;
const EXIT_BAR = 9;

const log = createLogger("silent");
const bus = createMemoryBus();
// One suite runs at a time; each sets these up for its own database.
let db: Database;
let vault: CredentialVault;
let userId: string;
let versionId: string;
let fake: FakeAlpaca;
let runtimes: PaperRuntime[] = [];

/** The suite's hooks on a database that `open` gives and `drop` throws away. */
function onDatabase(open: () => Promise<{ db: Database; drop(): Promise<void> }>) {
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ db, drop } = await open());
    await migrate(db);
    vault = new CredentialVault(db, createSecretBox(randomBytes(32)));
    const user = await db.prisma.user.create({
      data: { email: `live.${randomUUID()}@example.com`, passwordHash: "x" },
    });
    userId = user.id;
    await vault.add(userId, "alpaca", "paper", FAKE_KEY);
    const strategyId = await saveStrategy(db, userId, smaCrossoverGraph(2, 3));
    const version = await db.prisma.strategyVersion.findFirstOrThrow({ where: { strategyId } });
    versionId = version.id;
  });
  afterAll(async () => {
    await db?.close();
    await drop();
  });
  beforeEach(async () => {
    fake = await new FakeAlpaca().start();
  });
  afterEach(async () => {
    for (const runtime of runtimes) await runtime.close();
    runtimes = [];
    // Each test's session ends with it, so the next test's runtime finds only its own.
    await sql(`UPDATE paper_sessions SET status = 'stopped' WHERE status = 'running'`);
    await fake.close();
  });
}

function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return db.withConnection((conn) => conn.query<T>(text, params));
}

/** A live session on these bars: warm-up on the first five, trading from bar 5. */
async function createLiveSession(initialCash = 10_000): Promise<string> {
  const id = randomUUID();
  const settings = { run: { initialCash, defaultQuantity: 10 }, barsPerSecond: 1 };
  await sql(
    `INSERT INTO paper_sessions (id, owner_id, strategy_version_id, broker, dataset, symbol, timeframe, settings,
        initial_cash, cash, equity, warmup_from, live_from, updated_at)
     VALUES ($1, $2, $3, 'alpaca-paper', 'sample:test', 'SPY', '1d', $4, $5, $5, $5, $6, $7, now())`,
    [id, userId, versionId, JSON.stringify(settings), money(initialCash), BARS[0].time, BARS[ENTRY_BAR].time],
  );
  return id;
}

async function startRuntime(
  market: HandMarket,
  timings: { submitTimeoutMs?: number; recheckUnknownMs?: number } = {},
) {
  const live = new LiveSessions({
    db,
    log,
    keys: (ownerId) => vault.reveal(ownerId, "alpaca"),
    // Long unless a test says: an unknown order then waits for the next bar's reconciliation.
    recheckUnknownMs: timings.recheckUnknownMs ?? 60_000,
    alpaca: { ...fake.config, reconnectMinMs: 20, submitTimeoutMs: timings.submitTimeoutMs ?? 2_000 },
  });
  const runtime = new PaperRuntime({
    db,
    bus,
    log,
    leaseMs: 3_000,
    scanMs: 100,
    market: async () => market,
    live,
  });
  runtimes.push(runtime);
  await runtime.start();
  return runtime;
}

/** Waits for what a test expects; the cap only keeps a broken test from hanging. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Closes bars up to and including `index`, each once the ledger has the one before. */
async function closeThrough(market: HandMarket, sessionId: string, index: number): Promise<void> {
  while (market.closed <= index) {
    const bar = market.closeNext();
    await until(
      async () => (await lastBar(sessionId)) === bar.time,
      `bar ${market.closed - 1} in the ledger`,
    );
  }
}

async function lastBar(sessionId: string): Promise<number | null> {
  const [row] = await sql<{ t: string | null }>(
    `SELECT last_bar_time::text AS t FROM paper_sessions WHERE id = $1`,
    [sessionId],
  );
  return row?.t === null || row?.t === undefined ? null : Number(row.t);
}

async function order(id: string) {
  const [row] = await sql<{ status: string; reason: string | null; broker_order_id: string | null }>(
    `SELECT status, reason, broker_order_id FROM paper_orders WHERE client_order_id = $1`,
    [id],
  );
  return row;
}

async function status(sessionId: string) {
  const [row] = await sql<{ status: string; error: string | null }>(
    `SELECT status::text AS status, error FROM paper_sessions WHERE id = $1`,
    [sessionId],
  );
  return row!;
}

async function balance(sessionId: string) {
  const [row] = await sql<{ cash: string; position: string }>(
    `SELECT cash::text AS cash, position::text AS position FROM paper_sessions WHERE id = $1`,
    [sessionId],
  );
  return row!;
}

async function fills(sessionId: string) {
  const rows = await sql<{ fill_key: string; side: string; quantity: string; price: string }>(
    `SELECT fill_key, side, quantity::text AS quantity, price::text AS price
       FROM paper_fills WHERE session_id = $1 ORDER BY quantity DESC, fill_key`,
    [sessionId],
  );
  return rows.map((f) => [f.fill_key, f.side, Number(f.quantity), Number(f.price)]);
}

async function journal(sessionId: string) {
  return sql<{ kind: string; message: string }>(
    `SELECT kind, message FROM paper_journal WHERE session_id = $1 ORDER BY at, id`,
    [sessionId],
  );
}

/** Reconciliation of an account with nothing open: open orders, then positions, then the account. */
const RECONCILE = ["GET /v2/orders", "GET /v2/positions", "GET /v2/account"];

describe("live sessions at the Alpaca paper account, on embedded PGlite", () => {
  onDatabase(async () => ({ db: await openDatabase({ dataDir: MEMORY_DATA_DIR }), drop: async () => {} }));
  liveSessionTests();
});

describeWithService(
  "live sessions at the Alpaca paper account, on PostgreSQL",
  "TEST_DATABASE_URL",
  testDatabaseUrl,
  (url) => {
    onDatabase(async () => {
      const scratch = await createScratchDatabase(url);
      return {
        db: await openDatabase({ databaseUrl: scratch.url, dataDir: MEMORY_DATA_DIR }),
        drop: scratch.drop,
      };
    });
    liveSessionTests();
  },
);

function liveSessionTests() {
  it("reconciles before the first bar is evaluated, sends decisions under their client order ids, and records a fill sent twice once", async () => {
    const id = await createLiveSession();
    let askedBeforeHistory: string[] | undefined;
    const market = new HandMarket(BARS, ENTRY_BAR, (call) => {
      if (call === "history") askedBeforeHistory ??= [...fake.requests];
    });
    await startRuntime(market);
    await until(() => market.calls.includes("subscribe"), "the session to follow the feed");
    expect(
      askedBeforeHistory,
      "Alpaca is asked everything reconciliation needs before any bar is read",
    ).toEqual(RECONCILE);
    expect(market.calls[0], "the bars come only after reconciliation").toBe("history");
    expect(
      (await journal(id)).map((j) => j.kind),
      "reconciliation is in the session's journal",
    ).toEqual(["reconciled"]);
    expect(fake.submissions, "warm-up bars send nothing").toEqual([]);

    await closeThrough(market, id, ENTRY_BAR);
    const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
    await until(async () => (await order(entry))?.status === "accepted", "Alpaca to accept the entry");
    expect(fake.submissions, "the entry reached Alpaca under the session's client order id").toEqual([entry]);
    const atAlpaca = fake.byClientId(entry);
    expect([atAlpaca.side, atAlpaca.qty, atAlpaca.symbol, atAlpaca.type], "a market buy of 10 SPY").toEqual([
      "buy",
      10,
      "SPY",
      "market",
    ]);
    expect((await order(entry))?.broker_order_id, "Alpaca's id is kept with the order").toBe(atAlpaca.id);

    fake.knobs.duplicateFills = true;
    fake.fill(entry, 4, 12.5);
    fake.fill(entry, 6, 12.75);
    // trade_updates keeps order: once the second fill is in, the first one's copy has been seen.
    await until(async () => (await order(entry))?.status === "filled", "both fills of the entry");
    expect(await fills(id), "each execution once, though Alpaca sent each twice").toEqual([
      [`${entry}:exec-2`, "buy", 6, 12.75],
      [`${entry}:exec-1`, "buy", 4, 12.5],
    ]);

    await closeThrough(market, id, EXIT_BAR);
    const exit = clientOrderId(id, BARS[EXIT_BAR].time, 1, 0);
    await until(() => fake.submissions.length === 2, "the exit to reach Alpaca");
    expect(fake.submissions, "one order per decision, none twice").toEqual([entry, exit]);
    expect(
      [fake.byClientId(exit).side, fake.byClientId(exit).qty],
      "the exit sells what the entry bought",
    ).toEqual(["sell", 10]);
    fake.fill(exit, 10, 11);
    await until(async () => (await order(exit))?.status === "filled", "the exit's fill");
    expect(await balance(id), "cash moved by every real fill: 10000 − 50 − 76.5 + 110").toEqual({
      cash: "9983.50000000",
      position: "0.00000000",
    });
  });

  it("after a restart reconciles first, records the fill Alpaca made meanwhile, and places nothing twice", async () => {
    const id = await createLiveSession();
    const first = new HandMarket(BARS, ENTRY_BAR);
    const runtime = await startRuntime(first);
    await until(() => first.calls.includes("subscribe"), "the first run to follow the feed");
    await closeThrough(first, id, ENTRY_BAR);
    const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
    await until(async () => (await order(entry))?.status === "accepted", "Alpaca to accept the entry");
    await runtime.close();

    // Filled while no runtime listened: only reconciliation can tell the ledger.
    fake.fill(entry, 10, 12.5, true);
    const before = fake.requests.length;
    let askedBeforeHistory: string[] | undefined;
    const second = new HandMarket(BARS, first.closed, (call) => {
      if (call === "history") askedBeforeHistory ??= fake.requests.slice(before);
    });
    await startRuntime(second);
    await until(() => second.calls.includes("subscribe"), "the second run to follow the feed");
    expect(
      askedBeforeHistory,
      "the restart reconciles, looking the filled entry up by its id, before any bar",
    ).toEqual([
      "GET /v2/orders",
      "GET /v2/orders:by_client_order_id",
      "GET /v2/positions",
      "GET /v2/account",
    ]);
    expect((await order(entry))?.status, "reconciliation settled the entry").toBe("filled");
    expect(await fills(id), "the fill found by reconciliation is in the ledger").toEqual([
      [`${entry}:reconciled:10`, "buy", 10, 12.5],
    ]);
    expect(await balance(id), "and moved the balance").toEqual({
      cash: "9875.00000000",
      position: "10.00000000",
    });
    const reconciled = (await journal(id)).filter((j) => j.kind === "reconciled");
    expect(reconciled.at(-1)?.message, "the journal says what was corrected").toContain(
      `${entry} (accepted → filled, 10 filled)`,
    );

    await closeThrough(second, id, EXIT_BAR - 1);
    expect(fake.submissions, "replayed and quiet bars send nothing: the entry went once").toEqual([entry]);
    await closeThrough(second, id, EXIT_BAR);
    const exit = clientOrderId(id, BARS[EXIT_BAR].time, 1, 0);
    await until(() => fake.submissions.length === 2, "the exit to reach Alpaca");
    expect(fake.submissions, "after the restart only the new decision is sent").toEqual([entry, exit]);
    expect(fake.orders.size, "two orders exist at Alpaca").toBe(2);
  });

  it("keeps a submission Alpaca did not answer in time unknown until reconciliation settles it", async () => {
    const id = await createLiveSession();
    const market = new HandMarket(BARS, ENTRY_BAR);
    await startRuntime(market, { submitTimeoutMs: 150 });
    await until(() => market.calls.includes("subscribe"), "the session to follow the feed");
    fake.knobs.submitDelayMs = 3_000;
    await closeThrough(market, id, ENTRY_BAR);
    const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
    await until(async () => (await order(entry))?.status === "unknown", "the submission to time out");
    expect(fake.byClientId(entry).status, "the order does exist at Alpaca").toBe("new");
    await closeThrough(market, id, ENTRY_BAR + 1);
    expect((await order(entry))?.status, "reconciled before the next bar: Alpaca has it open").toBe(
      "accepted",
    );
    expect(fake.submissions, "found, so never sent again").toEqual([entry]);
  });

  it("looks for an unknown submission again soon, and resends it under the same id when Alpaca never got it", async () => {
    const id = await createLiveSession();
    const market = new HandMarket(BARS, ENTRY_BAR);
    await startRuntime(market, { submitTimeoutMs: 150, recheckUnknownMs: 200 });
    await until(() => market.calls.includes("subscribe"), "the session to follow the feed");
    fake.knobs.loseSubmits = 1;
    await closeThrough(market, id, ENTRY_BAR);
    const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
    await until(async () => (await order(entry))?.status === "unknown", "the submission to time out");
    // No further bar closes: only the recheck can settle it.
    await until(async () => (await order(entry))?.status === "accepted", "the recheck to settle it");
    expect(fake.submissions, "sent again under the same client order id").toEqual([entry, entry]);
    expect(fake.orders.size, "one order exists at Alpaca").toBe(1);
  });

  it("sends no exit when Alpaca rejected the entry, though the simulation holds it", async () => {
    const id = await createLiveSession();
    const market = new HandMarket(BARS, ENTRY_BAR);
    await startRuntime(market);
    await until(() => market.calls.includes("subscribe"), "the session to follow the feed");
    fake.knobs.rejectReason = "insufficient buying power";
    await closeThrough(market, id, ENTRY_BAR);
    const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
    await until(async () => (await order(entry))?.status === "rejected", "Alpaca to refuse the entry");
    expect((await order(entry))?.reason, "with Alpaca's reason").toContain("insufficient buying power");
    await closeThrough(market, id, EXIT_BAR);
    const exit = await order(clientOrderId(id, BARS[EXIT_BAR].time, 1, 0));
    expect(exit, "the exit is recorded as decided but not sent").toEqual({
      status: "skipped",
      reason: "Nothing is held at the broker to exit, so no order was sent.",
      broker_order_id: null,
    });
    expect(fake.submissions, "selling what is not held would open a short: nothing went").toEqual([entry]);
  });

  it("closes a holding the simulation does not have once nothing is in flight", async () => {
    // 100 of cash cannot pay for 10 at the next open in the simulation; Alpaca fills anyway.
    const id = await createLiveSession(100);
    const market = new HandMarket(BARS, ENTRY_BAR);
    await startRuntime(market);
    await until(() => market.calls.includes("subscribe"), "the session to follow the feed");
    await closeThrough(market, id, ENTRY_BAR);
    const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
    await until(async () => (await order(entry))?.status === "accepted", "Alpaca to accept the entry");
    fake.fill(entry, 10, 12);
    await until(async () => (await balance(id)).position === "10.00000000", "the fill in the ledger");
    await closeThrough(market, id, ENTRY_BAR + 1);
    const realign = `${id}-${BARS[ENTRY_BAR + 1].time}-realign`;
    await until(() => fake.submissions.length === 2, "the closing order");
    expect(fake.submissions, "the simulation refused the entry, so the holding is closed").toEqual([
      entry,
      realign,
    ]);
    expect([fake.byClientId(realign).side, fake.byClientId(realign).qty], "selling all 10").toEqual([
      "sell",
      10,
    ]);
  });

  it("fails a session whose owner has no Alpaca key, saying what to do, and sends nothing", async () => {
    const id = await createLiveSession();
    const keyless = await db.prisma.user.create({
      data: { email: `keyless.${randomUUID()}@example.com`, passwordHash: "x" },
    });
    await sql(`UPDATE paper_sessions SET owner_id = $2 WHERE id = $1`, [id, keyless.id]);
    await startRuntime(new HandMarket(BARS, ENTRY_BAR));
    await until(async () => (await status(id)).status === "failed", "the session to fail");
    expect((await status(id)).error).toBe(
      "This session trades at your Alpaca paper account, and you have no Alpaca API key saved. Add it on the Data page, then resume the session.",
    );
    expect(fake.requests, "Alpaca was never called").toEqual([]);
  });

  it("cancels the session's open orders at Alpaca when its owner stops it", async () => {
    const id = await createLiveSession();
    const market = new HandMarket(BARS, ENTRY_BAR);
    const runtime = await startRuntime(market);
    await until(() => market.calls.includes("subscribe"), "the session to follow the feed");
    await closeThrough(market, id, ENTRY_BAR);
    const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
    await until(async () => (await order(entry))?.status === "accepted", "Alpaca to accept the entry");
    await sql(`UPDATE paper_sessions SET status = 'stopped', stopped_at = now() WHERE id = $1`, [id]);
    await bus.publish(PAPER_CONTROL_TOPIC, { id });
    await until(() => !runtime.sessions.includes(id), "the runtime to let the session go");
    expect(fake.byClientId(entry).status, "cancelled at Alpaca").toBe("canceled");
    expect((await order(entry))?.status, "and in the ledger").toBe("cancelled");
    expect((await journal(id)).at(-1), "the journal says what stopping did").toEqual({
      kind: "note",
      message:
        "You stopped the session. Cancelled 1 open order(s) at Alpaca; positions at Alpaca stay as they are.",
    });
  });
}
