import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_KEY, FakeAlpaca } from "@/engine-runtime/brokers/alpaca/fake-server";
import { compile } from "@/engine-runtime/compiler";
import { createBinanceConnector } from "@/engine-runtime/connectors/binance/connector";
import { FakeBinance } from "@/engine-runtime/connectors/binance/fake-server";
import type { Bar } from "@/engine-runtime/data/bars";
import { createStream } from "@/engine-runtime/executor/stream";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import { bucketStart } from "@/nodes/data/timeframes";
import { type Client, openSocket, signedUpClient } from "@/server/testing/client";
import { startTestServer, type TestServer } from "@/server/testing/server";
import { saveStrategy } from "@/server/testing/strategies";
import type { PaperUpdate } from "@/server/trading/runtime";
import { barsOf } from "@/server/trading/session-run";

/**
 * Paper sessions through the real server: started over tRPC, run by the services' runtime on the
 * replay feed, recorded in the ledger, pushed to the owner's sockets only.
 */
let server: TestServer;
let owner: { client: Client; userId: string };
let intruder: { client: Client; userId: string };
let strategyId: string;

function collect(socket: Socket, id?: string) {
  const seen: PaperUpdate[] = [];
  socket.on("paper:update", (update: PaperUpdate) => {
    if (!id || update.id === id) seen.push(update);
  });
  return seen;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await signedUpClient(server.url);
  intruder = await signedUpClient(server.url);
  strategyId = await saveStrategy(server.services.db, owner.userId, smaCrossoverGraph(5, 20));
});
afterAll(async () => server?.close());

describe("paper sessions", () => {
  it("trades a saved version on the replay feed, records the ledger and tells only the owner", async () => {
    const ownerSocket = await openSocket(server.url, owner.client);
    const intruderSocket = await openSocket(server.url, intruder.client);
    const ownerSeen = collect(ownerSocket);
    const intruderSeen = collect(intruderSocket);
    const settings = {
      run: { initialCash: 10_000.5, defaultQuantity: 2, commission: { perOrder: 1 } },
      barsPerSecond: 100,
    };
    const started = await owner.client.call("paper.start", {
      strategyId,
      dataset: "sample:2006-day-001",
      settings,
    });
    expect(started.status, started.error).toBe(200);
    const { id } = started.data as { id: string };
    await until(() => ownerSeen.some((u) => u.id === id && u.status === "stopped"), "the replay to end");

    const got = await owner.client.call("paper.get", { id }, "query");
    const session = got.data as {
      status: string;
      cash: string;
      position: string;
      equity: string;
      initialCash: string;
      fills: { clientOrderId: string; side: string; quantity: string; price: string; time: number }[];
      orders: { clientOrderId: string }[];
      equity_: never;
      lastBarTime: number;
      closes: [number, number][];
    } & { equity: string };
    expect(session.status, "the replay ended, so the session stopped").toBe("stopped");
    expect(session.initialCash, "money is NUMERIC and returned exactly").toBe("10000.5");

    // The same plan streamed in this process over the same bars makes the same fills.
    const bars = await server.services.data.load(owner.userId, "sample:2006-day-001");
    const stream = createStream(compile(smaCrossoverGraph(5, 20)).plan!, settings.run);
    const reference = [];
    for (const bar of barsOf(bars)) reference.push(...stream.pushBar(bar).fills);
    expect(reference.length, "an SMA 5/20 crossover trades during 2006").toBeGreaterThan(4);
    const fills = [...session.fills].sort((a, b) => a.time - b.time);
    expect(
      fills.map((f) => [f.time, f.side, Number(f.quantity), Number(f.price)]),
      "the ledger's fills are the stream's fills",
    ).toEqual(reference.map((f) => [f.time, f.side, f.quantity, f.price]));
    const last = reference.at(-1)!;
    const cash = reference.reduce(
      (sum, f) => sum + (f.side === "buy" ? -1 : 1) * f.quantity * f.price - f.commission,
      10_000.5,
    );
    expect(Number(session.cash), "cash is the starting cash moved by every fill and fee").toBeCloseTo(
      cash,
      6,
    );
    expect(last.commission, "the per-order fee is charged").toBe(1);
    // The chart's price line comes from the closes stored with the equity curve, up to the last bar.
    const closeAt = new Map([...bars.time].map((time, i) => [time, bars.close[i]]));
    expect(
      session.closes.length,
      "every traded bar's close is stored (fewer than 1000 bars)",
    ).toBeGreaterThan(200);
    expect(
      session.closes.filter(([time, close]) => Number(closeAt.get(time)?.toFixed(8)) !== close),
      "each stored close is its bar's close, to 8 decimals",
    ).toEqual([]);
    expect(session.closes.at(-1)?.[0], "the price line reaches the last bar").toBe(session.lastBarTime);
    expect(new Set(session.orders.map((o) => o.clientOrderId)).size, "client order ids are unique").toBe(
      session.orders.length,
    );
    expect(
      ownerSeen.filter((u) => u.id === id && u.fills?.length).flatMap((u) => u.fills!).length,
      "every fill reached the owner's socket",
    ).toBe(reference.length);
    expect(intruderSeen, "another user's socket hears nothing of it").toEqual([]);
    ownerSocket.close();
    intruderSocket.close();
  });

  it("pauses, resumes and stops only for the owner; another user gets NOT_FOUND", async () => {
    const started = await owner.client.call("paper.start", {
      strategyId,
      dataset: "sample:2006-day-001",
      settings: { barsPerSecond: 2 },
    });
    const { id } = started.data as { id: string };
    for (const [op, method] of [
      ["paper.get", "query"],
      ["paper.pause", "mutation"],
      ["paper.resume", "mutation"],
      ["paper.stop", "mutation"],
    ] as const) {
      const attempt = await intruder.client.call(op, { id }, method);
      expect(attempt.status, `${op} by another user`).toBe(404);
      expect(attempt.error).toBe("This paper session does not exist or is not yours.");
    }
    const theirs = await intruder.client.call("paper.list", {}, "query");
    expect(theirs.data, "lists show only one's own sessions").toEqual([]);
    const foreignStart = await intruder.client.call("paper.start", {
      strategyId,
      dataset: "sample:2006-day-001",
    });
    expect(foreignStart.status, "nobody paper trades another user's strategy").toBe(404);

    const paused = await owner.client.call("paper.pause", { id });
    expect(paused.data).toEqual({ id, status: "paused" });
    const again = await owner.client.call("paper.pause", { id });
    expect(again.error).toBe("This paper session is paused, so it cannot be paused.");
    await until(
      () => !server.services.paper!.sessions.includes(id),
      "the runtime to let the paused session go",
    );
    const resumed = await owner.client.call("paper.resume", { id });
    expect(resumed.data).toEqual({ id, status: "running" });
    await until(() => server.services.paper!.sessions.includes(id), "the runtime to take the session again");
    const stopped = await owner.client.call("paper.stop", { id });
    expect(stopped.data).toEqual({ id, status: "stopped" });
    await until(
      () => !server.services.paper!.sessions.includes(id),
      "the runtime to drop the stopped session",
    );
    const list = await owner.client.call("paper.list", {}, "query");
    const row = (list.data as { id: string; status: string }[]).find((s) => s.id === id);
    expect(row?.status).toBe("stopped");
  });
});

describe("sessions at the Alpaca paper account", () => {
  it("start only for owners with an Alpaca key, trade at Alpaca and show where their orders go", async () => {
    const fake = await new FakeAlpaca().start();
    const { tradingUrl, streamUrl } = fake.config;
    server.services.paper!.live!.alpaca = { tradingUrl, streamUrl, reconnectMinMs: 20 };
    const trader = await signedUpClient(server.url);
    const traderStrategy = await saveStrategy(server.services.db, trader.userId, smaCrossoverGraph(5, 20));
    const live = {
      strategyId: traderStrategy,
      dataset: "sample:2006-day-001",
      settings: { barsPerSecond: 100 },
      broker: "alpaca-paper",
      symbol: "spy",
    };
    const keyless = await trader.client.call("paper.start", live);
    expect(keyless.status, "no key, no session at Alpaca").toBe(400);
    expect(keyless.error).toBe(
      "broker: trading at your Alpaca paper account needs your Alpaca API key. Add it on the Data page, then start again.",
    );
    const unknown = await trader.client.call("paper.start", { ...live, broker: "alpaca-live" });
    expect(unknown.status, "only the brokers Strata knows").toBe(400);

    await server.services.data.credentials.add(trader.userId, "alpaca", "Paper", FAKE_KEY);
    const started = await trader.client.call("paper.start", live);
    expect(started.status, started.error).toBe(200);
    const { id } = started.data as { id: string };
    type Session = {
      broker: string;
      symbol: string;
      status: string;
      orders: { clientOrderId: string; status: string }[];
      journal: { kind: string; message: string }[];
    };
    const get = async () => (await trader.client.call("paper.get", { id }, "query")).data as Session;
    expect([(await get()).broker, (await get()).symbol], "the symbol as Alpaca writes it").toEqual([
      "alpaca-paper",
      "SPY",
    ]);
    await until(async () => (await get()).status === "stopped", "the replay to end");

    const session = await get();
    const sent = session.orders.filter((o) => o.status !== "skipped").map((o) => o.clientOrderId);
    expect(sent.length, "the crossover entered during 2006").toBeGreaterThan(0);
    expect([...fake.submissions].sort(), "every order sent reached Alpaca once, under its id").toEqual(
      sent.sort(),
    );
    expect(session.journal.at(-1)?.kind, "it reconciled before trading").toBe("reconciled");
    expect(session.journal[0]?.message, "Alpaca filled nothing, so stopping cancelled every order").toBe(
      `The market data feed ended. Cancelled ${sent.length} open order(s) at Alpaca; positions at Alpaca stay as they are.`,
    );
    const listed = (await trader.client.call("paper.list", {}, "query")).data as {
      id: string;
      broker: string;
    }[];
    expect(listed.find((s) => s.id === id)?.broker, "the list says where orders went").toBe("alpaca-paper");
    await fake.close();
  });
});

describe("sessions on a live market", () => {
  /** Runs `use` with the server's Binance connector pointed at a fake Binance on 127.0.0.1. */
  async function withFakeBinance(use: (fake: FakeBinance) => Promise<void>): Promise<void> {
    const fake = await new FakeBinance().start();
    const connectors = server.services.data.connectors;
    server.services.data.connectors = (venue, key, log) =>
      venue === "binance"
        ? createBinanceConnector({ restUrl: fake.httpUrl, streamUrl: fake.wsUrl }, { logger: log })
        : connectors(venue, key, log);
    try {
      await use(fake);
    } finally {
      server.services.data.connectors = connectors;
      await fake.close();
    }
  }

  it("start on Binance's market with a symbol and timeframe, warm up on its bars and follow its stream", async () => {
    await withFakeBinance(async (fake) => {
      const DAY = 86_400_000;
      const today = bucketStart(Date.now(), "1d");
      const daily = (time: number, close: number): Bar => ({
        time,
        open: close,
        high: close + 1,
        low: close - 1,
        close,
        volume: 10,
      });
      fake.setBars(
        "BTCUSDT",
        "1d",
        Array.from({ length: 60 }, (_, i) => daily(today - (60 - i) * DAY, 40_000 + 10 * i)),
      );
      const live = { strategyId, market: "binance", symbol: "btcusdt", timeframe: "1d" };

      const wrong = await owner.client.call("paper.start", {
        strategyId,
        market: "binance",
        symbol: "BTC/USDT",
      });
      expect(wrong.status, "a live market needs a venue symbol and a timeframe").toBe(400);
      expect(wrong.error).toBe(
        "timeframe: Choose the bar length to follow, such as 1m or 1d.; symbol: Enter a symbol Binance trades, such as BTCUSDT.",
      );
      const atAlpaca = await owner.client.call("paper.start", { ...live, broker: "alpaca-paper" });
      expect(atAlpaca.error, "orders at Alpaca follow Alpaca's market only").toBe(
        "broker: Orders at Alpaca follow Alpaca's market: choose live Alpaca, or simulated fills on Binance's market.",
      );
      const keyless = await owner.client.call("paper.start", { ...live, market: "alpaca", symbol: "AAPL" });
      expect(keyless.error, "Alpaca's market data needs the owner's key").toBe(
        "market: Alpaca's live market needs your Alpaca API key. Add it on the Data page, then start again.",
      );

      const started = await owner.client.call("paper.start", live);
      expect(started.status, started.error).toBe(200);
      const { id } = started.data as { id: string };
      const [row] = await server.services.db.withConnection((conn) =>
        conn.query<{ warmup_from: string; live_from: string }>(
          `SELECT warmup_from::text, live_from::text FROM paper_sessions WHERE id = $1`,
          [id],
        ),
      );
      const liveFrom = Number(row!.live_from);
      const warmup = compile(smaCrossoverGraph(5, 20)).plan!.warmup;
      expect(liveFrom - Number(row!.warmup_from), "the warm-up holds the plan's bars and two spare").toBe(
        (warmup + 2) * DAY,
      );
      type Session = { market: string; dataset: string; symbol: string; status: string; lastBarTime: number };
      const get = async () => (await owner.client.call("paper.get", { id }, "query")).data as Session;
      await until(
        async () => (await get()).lastBarTime === liveFrom - DAY,
        "the warm-up from Binance's klines",
      );
      const session = await get();
      expect(
        [session.market, session.symbol, session.dataset, session.status],
        "the session says where its bars come from",
      ).toEqual(["binance", "BTCUSDT", "venue:binance:BTCUSDT:1d", "running"]);

      await until(() => fake.openConnections() === 1, "the session to open Binance's stream");
      expect(
        fake.pushKline("BTCUSDT", "1d", daily(liveFrom, 41_000), true),
        "the session listens to BTCUSDT's daily klines",
      ).toBe(1);
      await until(async () => (await get()).lastBarTime === liveFrom, "today's bar from the stream");
      await owner.client.call("paper.stop", { id });
      await until(() => fake.openConnections() === 0, "stopping to close the stream");
    });
  });

  it("checks a symbol with the venue while the start dialog is filled in", async () => {
    await withFakeBinance(async (fake) => {
      const DAY = 86_400_000;
      const today = bucketStart(Date.now(), "1d");
      fake.setBars("BTCUSDT", "1d", [
        { time: today - 2 * DAY, open: 1, high: 2, low: 1, close: 1.5, volume: 10 },
        { time: today - DAY, open: 2, high: 3, low: 2, close: 2.5, volume: 10 },
        // Today's bar is still forming: a check reports the newest closed one.
        { time: today, open: 3, high: 4, low: 3, close: 3.5, volume: 10 },
      ]);
      const check = async (input: object) => owner.client.call("paper.checkSymbol", input, "query");

      const found = await check({ market: "binance", symbol: "btcusdt", timeframe: "1d" });
      expect(found.data, "Binance trades BTCUSDT: its newest closed daily bar").toEqual({
        status: "found",
        time: today - DAY,
        close: 2.5,
      });
      const unknown = await check({ market: "binance", symbol: "ETHUSDX", timeframe: "1d" });
      expect(unknown.data, "Binance refuses a symbol it does not list (code -1121)").toEqual({
        status: "refused",
        message:
          "Binance does not know the symbol ETHUSDX: it refused the request for its 1d bars (HTTP 400). Check how Binance writes it, such as BTCUSDT, then start.",
      });
      const malformed = await check({ market: "binance", symbol: "BTC/USDT", timeframe: "1d" });
      expect([malformed.status, malformed.error], "a symbol Binance cannot write is refused here").toEqual([
        400,
        "symbol: Enter a symbol Binance trades, such as BTCUSDT.",
      ]);
      const keyless = await check({ market: "alpaca", symbol: "AAPL", timeframe: "1d" });
      expect(keyless.data, "Alpaca's market needs the owner's key, and asks nothing without it").toEqual({
        status: "refused",
        message: "Alpaca's live market needs your Alpaca API key. Add it on the Data page.",
      });
    });
  });
});
