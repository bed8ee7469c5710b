import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_KEY, FakeAlpaca as FakeAlpacaBroker } from "@/engine-runtime/brokers/alpaca/fake-server";
import { compile } from "@/engine-runtime/compiler";
import { createAlpacaConnector } from "@/engine-runtime/connectors/alpaca/connector";
import { FakeAlpaca as FakeAlpacaData, toAlpacaBar } from "@/engine-runtime/connectors/alpaca/fake-server";
import type { BinanceConfigInput } from "@/engine-runtime/connectors/binance/config";
import { createBinanceConnector } from "@/engine-runtime/connectors/binance/connector";
import { FakeBinance } from "@/engine-runtime/connectors/binance/fake-server";
import type { Bar } from "@/engine-runtime/data/bars";
import { createStream } from "@/engine-runtime/executor/stream";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import { createMemoryBus } from "@/server/bus/bus";
import { DataServices } from "@/server/data";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { createLogger } from "@/server/ops/log";
import { createSecretBox } from "@/server/security/secrets";
import { describeWithService, testDatabaseUrl } from "@/server/testing/backends";
import { createScratchDatabase } from "@/server/testing/postgres";
import { saveStrategy } from "@/server/testing/strategies";
import { startPaperRuntime } from "./index";
import { clientOrderId, money } from "./ledger";
import { STALE } from "./live/orders";
import { checkVenueSymbol, liveWindow } from "./live-market";
import type { PaperRuntime } from "./runtime";

/**
 * Sessions on a live market, end to end: the paper runtime as the server wires it (index.ts), the
 * real Binance and Alpaca connectors against their fake venues on 127.0.0.1 (REST history and
 * websocket streams in the venues' own formats), and the ledger on embedded PGlite (and on
 * PostgreSQL when TEST_DATABASE_URL is set). The fakes hold the bars closed so far and push a
 * bar's close over the stream when the test says: what the session did is read from the ledger.
 *
 * An SMA 2/3 crossover on these closes decides to enter on bar 5 and to exit on bar 9; market
 * orders fill at the next bar's open.
 */
const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 2, 15, 0);
const CLOSES = [10, 10, 10, 10, 10, 12, 13, 14, 13, 11, 10, 10];
const BARS: Bar[] = CLOSES.map((close, i) => ({
  time: T0 + i * MINUTE,
  open: close - 0.25,
  high: close + 0.5,
  low: close - 0.5,
  close,
  volume: 100 + i,
}));
const FIRST_LIVE = 5;
const ENTRY_BAR = 5;
const EXIT_BAR = 9;
const SETTINGS = { run: { initialCash: 10_000, defaultQuantity: 10 }, barsPerSecond: 1 };

const log = createLogger("silent");
const bus = createMemoryBus();
let db: Database;
let data: DataServices;
let userId: string;
let versionId: string;
let binance: FakeBinance;
let alpacaData: FakeAlpacaData;
let runtimes: PaperRuntime[] = [];
/** Settings a test gives the Binance connector beyond the fake's URLs. */
let binanceSettings: BinanceConfigInput = {};

function onDatabase(open: () => Promise<{ db: Database; drop(): Promise<void> }>) {
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ db, drop } = await open());
    await migrate(db);
    data = new DataServices({ db, redis: null, bus, log, box: createSecretBox(randomBytes(32)) });
    // The connectors the Data page uses, pointed at the fakes; quick to retry so failures end fast.
    data.connectors = (venue, key) =>
      venue === "binance"
        ? createBinanceConnector(
            {
              restUrl: binance.httpUrl,
              streamUrl: binance.wsUrl,
              reconnectInitialMs: 20,
              httpAttempts: 2,
              ...binanceSettings,
            },
            { logger: log },
          )
        : createAlpacaConnector(
            {
              keyId: key?.keyId ?? "",
              secretKey: key?.secretKey ?? "",
              dataUrl: alpacaData.httpUrl,
              streamUrl: alpacaData.wsUrl,
              reconnectInitialMs: 20,
              httpAttempts: 2,
            },
            { logger: log },
          );
    const user = await db.prisma.user.create({
      data: { email: `live-market.${randomUUID()}@example.com`, passwordHash: "x" },
    });
    userId = user.id;
    await data.credentials.add(userId, "alpaca", "paper", FAKE_KEY);
    const strategyId = await saveStrategy(db, userId, smaCrossoverGraph(2, 3));
    versionId = (await db.prisma.strategyVersion.findFirstOrThrow({ where: { strategyId } })).id;
  });
  afterAll(async () => {
    await db?.close();
    await drop();
  });
  beforeEach(async () => {
    binance = await new FakeBinance().start();
    binanceSettings = {};
    alpacaData = await new FakeAlpacaData({ ...FAKE_KEY }).start();
  });
  afterEach(async () => {
    for (const runtime of runtimes) await runtime.close();
    runtimes = [];
    await sql(`UPDATE paper_sessions SET status = 'stopped' WHERE status = 'running'`);
    await binance.close();
    await alpacaData.close();
  });
}

function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return db.withConnection((conn) => conn.query<T>(text, params));
}

async function createSession(
  market: "binance" | "alpaca",
  symbol: string,
  options: { broker?: string; ownerId?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await sql(
    `INSERT INTO paper_sessions (id, owner_id, strategy_version_id, broker, market, dataset, symbol, timeframe,
        settings, initial_cash, cash, equity, warmup_from, live_from, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '1m', $8, $9, $9, $9, $10, $11, now())`,
    [
      id,
      options.ownerId ?? userId,
      versionId,
      options.broker ?? "simulated",
      market,
      `venue:${market}:${symbol}:1m`,
      symbol,
      JSON.stringify(SETTINGS),
      money(SETTINGS.run.initialCash),
      BARS[0].time,
      BARS[FIRST_LIVE].time,
    ],
  );
  return id;
}

async function startRuntime(): Promise<PaperRuntime> {
  const runtime = await startPaperRuntime(db, bus, log, data, { leaseMs: 3_000, scanMs: 100 });
  runtimes.push(runtime);
  return runtime;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function lastBar(sessionId: string): Promise<number | null> {
  const [row] = await sql<{ t: string | null }>(
    `SELECT last_bar_time::text AS t FROM paper_sessions WHERE id = $1`,
    [sessionId],
  );
  return row?.t == null ? null : Number(row.t);
}

async function status(sessionId: string) {
  const [row] = await sql<{ status: string; error: string | null }>(
    `SELECT status::text AS status, error FROM paper_sessions WHERE id = $1`,
    [sessionId],
  );
  return row!;
}

async function ledgerFills(sessionId: string) {
  const rows = await sql<{ time: string; side: string; quantity: string; price: string }>(
    `SELECT time::text AS time, side, quantity::text AS quantity, price::text AS price
       FROM paper_fills WHERE session_id = $1 ORDER BY time`,
    [sessionId],
  );
  return rows.map((f) => [Number(f.time), f.side, Number(f.quantity), Number(f.price)]);
}

async function ledgerOrders(sessionId: string) {
  const rows = await sql<{ client_order_id: string; status: string; reason: string | null }>(
    `SELECT client_order_id, status, reason FROM paper_orders WHERE session_id = $1 ORDER BY placed_at`,
    [sessionId],
  );
  return rows;
}

async function equityTimes(sessionId: string): Promise<number[]> {
  const rows = await sql<{ time: string }>(
    `SELECT time::text AS time FROM paper_equity WHERE session_id = $1 ORDER BY time`,
    [sessionId],
  );
  return rows.map((r) => Number(r.time));
}

/** The fills the same plan makes streaming every bar in this process: what the ledger must hold. */
function referenceFills(bars: readonly Bar[]) {
  const stream = createStream(compile(smaCrossoverGraph(2, 3)).plan!, SETTINGS.run);
  return bars.flatMap((bar) =>
    stream.pushBar(bar).fills.map((f) => [f.time, f.side, f.quantity, f.price] as const),
  );
}

/**
 * A run follows the live market once it has asked REST for the bars after its last one and its
 * stream is open: a bar closed before then could reach it either way, so tests close bars after.
 */
const binanceFollowing = (restCalls: number) => () =>
  binance.openConnections() === 1 && klineCalls().length >= restCalls;
const alpacaFollowing = (restCalls: number) => () =>
  [...alpacaData.subscriptions.values()].some((s) => s.bars.has("AAPL")) &&
  alpacaData.requests.length >= restCalls;
const klineCalls = () => binance.requests.filter((r) => r.path === "/api/v3/klines");

/** Closes bar `i` at the fake Binance: its REST klines gain it and its stream pushes it as closed. */
function closeOnBinance(i: number): void {
  binance.setBars("BTCUSDT", "1m", BARS.slice(0, i + 1));
  const reached = binance.pushKline("BTCUSDT", "1m", BARS[i], true);
  expect(reached, "one session listens to the BTCUSDT 1m stream").toBe(1);
}

/** Closes bars through `last`, each once the ledger has the one before (a forming kline first). */
async function closeThroughOnBinance(sessionId: string, from: number, last: number): Promise<void> {
  for (let i = from; i <= last; i++) {
    // A kline still forming must not be taken for a bar: the ledger only moves on the closed one.
    binance.pushKline("BTCUSDT", "1m", { ...BARS[i], close: 99 }, false);
    closeOnBinance(i);
    await until(async () => (await lastBar(sessionId)) === BARS[i].time, `bar ${i} in the ledger`);
  }
}

describe("the live window of a new session", () => {
  it("trades from the bar forming now and warms up on the bars before it", () => {
    const now = Date.UTC(2024, 0, 3, 10, 7, 30);
    expect(liveWindow("binance", "BTCUSDT", "1m", 20, now), "20 warm-up minutes and 2 spare").toEqual({
      liveFrom: Date.UTC(2024, 0, 3, 10, 7),
      warmupFrom: Date.UTC(2024, 0, 3, 9, 45),
    });
    expect(liveWindow("alpaca", "BTC/USD", "1d", 3, now), "crypto trades every day").toEqual({
      liveFrom: Date.UTC(2024, 0, 3),
      warmupFrom: Date.UTC(2023, 11, 29),
    });
    expect(
      liveWindow("alpaca", "AAPL", "1m", 20, now).warmupFrom,
      "22 stock minutes fit in one trading day: half as much again, and a long weekend",
    ).toBe(Date.UTC(2024, 0, 3, 10, 7) - 1.5 * 86_400_000 - 4 * 86_400_000);
  });
});

describe("sessions on a live market, on embedded PGlite", () => {
  onDatabase(async () => ({ db: await openDatabase({ dataDir: MEMORY_DATA_DIR }), drop: async () => {} }));
  liveMarketTests();
});

describeWithService(
  "sessions on a live market, on PostgreSQL",
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
    liveMarketTests();
  },
);

function liveMarketTests() {
  it("warms up from Binance's REST klines, then trades the closed klines of its websocket", async () => {
    binance.setBars("BTCUSDT", "1m", BARS.slice(0, FIRST_LIVE));
    const id = await createSession("binance", "BTCUSDT");
    await startRuntime();
    await until(
      async () => (await lastBar(id)) === BARS[FIRST_LIVE - 1].time,
      "the warm-up bars in the ledger",
    );
    const warmup = binance.requests.find((r) => r.path === "/api/v3/klines");
    expect(
      [warmup?.query.get("symbol"), warmup?.query.get("interval"), Number(warmup?.query.get("startTime"))],
      "the warm-up reads the session's symbol and timeframe from its first bar",
    ).toEqual(["BTCUSDT", "1m", BARS[0].time]);
    await until(binanceFollowing(2), "the session to follow the stream");
    expect(binance.connections[0].url.searchParams.get("streams"), "it follows the 1m klines").toBe(
      "btcusdt@kline_1m",
    );

    await closeThroughOnBinance(id, FIRST_LIVE, BARS.length - 1);
    const reference = referenceFills(BARS);
    expect(reference.length, "the crossover enters and exits on these bars").toBe(2);
    expect(await ledgerFills(id), "the ledger's fills are the plan's fills on the venue's bars").toEqual(
      reference,
    );
    expect(
      (await ledgerOrders(id)).map((o) => o.client_order_id),
      "one entry decided on bar 5 and one exit on bar 9",
    ).toEqual([clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0), clientOrderId(id, BARS[EXIT_BAR].time, 1, 0)]);
    expect(await equityTimes(id), "every bar once, none of the forming klines").toEqual(
      BARS.map((b) => b.time),
    );
  });

  it("after a restart catches up on the bars missed while down from REST and places no order twice", async () => {
    binance.setBars("BTCUSDT", "1m", BARS.slice(0, FIRST_LIVE));
    const id = await createSession("binance", "BTCUSDT");
    const first = await startRuntime();
    await until(binanceFollowing(2), "the first run to follow the stream");
    await closeThroughOnBinance(id, FIRST_LIVE, ENTRY_BAR + 1);
    await first.close();
    await until(() => binance.openConnections() === 0, "the first run to let the stream go");

    // Bars 7 to 9, the exit's decision among them, close while no runtime runs the session.
    binance.setBars("BTCUSDT", "1m", BARS.slice(0, EXIT_BAR + 1));
    const before = binance.requests.length;
    await startRuntime();
    await until(async () => (await lastBar(id)) === BARS[EXIT_BAR].time, "the missed bars in the ledger");
    const catchUp = binance.requests
      .slice(before)
      .filter((r) => r.path === "/api/v3/klines")
      .map((r) => Number(r.query.get("startTime")));
    expect(catchUp, "a replay from the first bar, then the bars after the last one recorded").toEqual([
      BARS[0].time,
      BARS[ENTRY_BAR + 1].time + 1,
    ]);
    await until(binanceFollowing(4), "the second run to follow the stream");
    await closeThroughOnBinance(id, EXIT_BAR + 1, BARS.length - 1);

    expect(await ledgerFills(id), "the same fills as a session that never stopped").toEqual(
      referenceFills(BARS),
    );
    expect(
      (await ledgerOrders(id)).map((o) => o.client_order_id),
      "the entry once, and the exit decided on a missed bar",
    ).toEqual([clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0), clientOrderId(id, BARS[EXIT_BAR].time, 1, 0)]);
    expect(await equityTimes(id), "every bar once across both runs").toEqual(BARS.map((b) => b.time));
  });

  it("fails a session on a symbol Binance does not know, with a sentence naming it", async () => {
    const id = await createSession("binance", "NOSUCHCOIN");
    const runtime = await startRuntime();
    await until(async () => (await status(id)).status === "failed", "the session to fail");
    expect((await status(id)).error).toBe(
      "Binance does not know the symbol NOSUCHCOIN: it refused the request for its 1m bars (HTTP 400). Check how Binance writes it, such as BTCUSDT, then start a new session.",
    );
    await until(() => runtime.sessions.length === 0, "the runtime to let it go");
    expect(binance.connections, "no stream was opened for it").toEqual([]);
  });

  it("fails a session whose venue cannot be reached, saying which venue and symbol", async () => {
    const closed = await new FakeBinance().start();
    binanceSettings = { restUrl: closed.httpUrl };
    await closed.close();
    const id = await createSession("binance", "BTCUSDT");
    await startRuntime();
    await until(async () => (await status(id)).status === "failed", "the session to fail");
    const { error } = await status(id);
    expect(error, "the sentence says what could not be read, from where, and what to do").toMatch(
      /^The 1m bars of BTCUSDT could not be read: Binance could not be reached at http:\/\/127\.0\.0\.1:\d+ \(.+\)\. Resume the session to try again\.$/,
    );
  });

  it("fails a session whose stream the venue keeps refusing, once the connector gives up", async () => {
    binanceSettings = { maxReconnects: 1 };
    binance.setBars("BTCUSDT", "1m", BARS.slice(0, FIRST_LIVE));
    binance.refuseNextConnections(2);
    const id = await createSession("binance", "BTCUSDT");
    await startRuntime();
    await until(async () => (await status(id)).status === "failed", "the session to fail");
    expect((await status(id)).error).toBe(
      "The live Binance feed of BTCUSDT ended: Binance closed the stream (code 1006); gave up after 1 attempts. Resume the session to follow it again.",
    );
    expect(binance.connections.length, "it tried once and again before giving up").toBe(2);
  });

  it("trades Alpaca's live market: warm-up from its REST bars, then the minute bars of its stream", async () => {
    alpacaData.setStockBars("AAPL", "1Min", BARS.slice(0, FIRST_LIVE).map(toAlpacaBar));
    const id = await createSession("alpaca", "AAPL");
    await startRuntime();
    await until(async () => (await lastBar(id)) === BARS[FIRST_LIVE - 1].time, "the warm-up in the ledger");
    expect(
      alpacaData.requests[0]?.headers["apca-api-key-id"],
      "the owner's key, decrypted on the server, reached Alpaca",
    ).toBe(FAKE_KEY.keyId);
    await until(alpacaFollowing(2), "the session to follow AAPL's bars");
    for (let i = FIRST_LIVE; i < BARS.length; i++) {
      alpacaData.setStockBars("AAPL", "1Min", BARS.slice(0, i + 1).map(toAlpacaBar));
      alpacaData.pushBar("AAPL", BARS[i]);
      await until(async () => (await lastBar(id)) === BARS[i].time, `bar ${i} in the ledger`);
    }
    expect(await ledgerFills(id), "the plan's fills on Alpaca's bars").toEqual(referenceFills(BARS));
  });

  it("fails an Alpaca market session whose owner has no Alpaca key, saying what to do", async () => {
    const keyless = await db.prisma.user.create({
      data: { email: `keyless.${randomUUID()}@example.com`, passwordHash: "x" },
    });
    const id = await createSession("alpaca", "AAPL", { ownerId: keyless.id });
    await startRuntime();
    await until(async () => (await status(id)).status === "failed", "the session to fail");
    expect((await status(id)).error).toBe(
      "This session follows AAPL on Alpaca's live market, and you have no Alpaca API key saved. Add it on the Data page, then resume the session.",
    );
    expect(alpacaData.requests, "Alpaca was never asked").toEqual([]);
  });

  it("sends orders to Alpaca only on bars of its live stream: bars missed while down are never acted on", async () => {
    const broker = await new FakeAlpacaBroker().start();
    try {
      alpacaData.setStockBars("AAPL", "1Min", BARS.slice(0, FIRST_LIVE).map(toAlpacaBar));
      const first = await startRuntime();
      first.live!.alpaca = { tradingUrl: broker.config.tradingUrl, streamUrl: broker.config.streamUrl };
      const id = await createSession("alpaca", "AAPL", { broker: "alpaca-paper" });
      await until(alpacaFollowing(2), "the first run to follow AAPL's bars");
      alpacaData.setStockBars("AAPL", "1Min", BARS.slice(0, ENTRY_BAR + 1).map(toAlpacaBar));
      alpacaData.pushBar("AAPL", BARS[ENTRY_BAR]);
      const entry = clientOrderId(id, BARS[ENTRY_BAR].time, 0, 0);
      await until(() => broker.submissions.length === 1, "the entry to reach Alpaca");
      expect(broker.byClientId(entry).symbol, "the entry is for the symbol the market follows").toBe("AAPL");
      broker.fill(entry, 10, 12);
      await until(async () => (await ledgerFills(id)).length === 1, "Alpaca's fill in the ledger");
      await first.close();

      // The exit's bar closes while nothing runs the session: acting on it later would be a stale signal.
      alpacaData.setStockBars("AAPL", "1Min", BARS.slice(0, EXIT_BAR + 1).map(toAlpacaBar));
      const second = await startRuntime();
      second.live!.alpaca = { tradingUrl: broker.config.tradingUrl, streamUrl: broker.config.streamUrl };
      await until(async () => (await lastBar(id)) === BARS[EXIT_BAR].time, "the missed bars in the ledger");
      const exit = clientOrderId(id, BARS[EXIT_BAR].time, 1, 0);
      expect(
        (await ledgerOrders(id)).find((o) => o.client_order_id === exit),
        "the exit decided on a missed bar is recorded, not sent",
      ).toEqual({ client_order_id: exit, status: "skipped", reason: STALE });
      await until(alpacaFollowing(4), "the second run to follow AAPL's bars");
      alpacaData.setStockBars("AAPL", "1Min", BARS.slice(0, EXIT_BAR + 2).map(toAlpacaBar));
      alpacaData.pushBar("AAPL", BARS[EXIT_BAR + 1]);
      await until(() => broker.submissions.length === 2, "the live bar's decision to reach Alpaca");
      const realign = `${id}-${BARS[EXIT_BAR + 1].time}-realign`;
      expect(
        broker.submissions,
        "the entry went once; on the first live bar the session closes what the skipped exit left held",
      ).toEqual([entry, realign]);
      expect([broker.byClientId(realign).side, broker.byClientId(realign).qty], "selling all 10").toEqual([
        "sell",
        10,
      ]);
    } finally {
      await broker.close();
    }
  });
}

describe("checking a symbol before a session starts", () => {
  it("reports a venue that takes the connection but never answers as unreachable, not as a refusal", async () => {
    // A real TCP listener that takes the request and says nothing, as a stalled venue would.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    try {
      const connector = createBinanceConnector({ restUrl: `http://127.0.0.1:${port}`, httpAttempts: 1 });
      const check = await checkVenueSymbol("binance", connector, "BTCUSDT", "1h", { timeoutMs: 300 });
      expect(check, "a start is not blocked by a venue that does not answer").toEqual({
        status: "unreachable",
        message:
          "The 1h bars of BTCUSDT could not be read: Binance did not answer within 0.3 seconds. You can start anyway: the session tries again.",
      });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
