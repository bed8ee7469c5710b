import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { planSchema } from "@/engine-runtime/plan/schema";
import type { Context } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { venueDatasetId } from "@/server/data/ids";
import { money } from "@/server/trading/ledger";
import { OPEN_STATUSES } from "@/server/trading/live/ledger";
import { checkVenueSymbol, type LiveVenue, liveWindow, type SymbolCheck } from "@/server/trading/live-market";
import { sessionWindow } from "@/server/trading/market";
import { PAPER_CONTROL_TOPIC } from "@/server/trading/runtime";
import type { checkSymbolInput, listPaperInput, paperIdInput, startPaperInput } from "./paper.schema";

type Ctx = Context & { user: SessionUser };

const NOT_FOUND = "This paper session does not exist or is not yours.";
const BROKER_NEEDS_KEY =
  "broker: trading at your Alpaca paper account needs your Alpaca API key. Add it on the Data page, then start again.";

type StartInput = z.output<typeof startPaperInput>;

/** What a session reads: the dataset (or venue series), its symbol and timeframe, and its window. */
interface SessionSource {
  dataset: string;
  symbol: string;
  timeframe: string;
  warmupFrom: number;
  liveFrom: number;
}

export async function startPaper(ctx: Ctx, input: StartInput) {
  const { db, data, bus } = ctx.services;
  // The schema requires a dataset on the replay market.
  const dataset = input.market === "replay" ? await data.find(ctx.user.id, input.dataset!) : null;
  if (input.market === "replay" && !dataset) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: "dataset: this dataset does not exist or is not yours.",
    });
  }
  const strategy = await db.prisma.strategy.findFirst({
    where: { id: input.strategyId, ownerId: ctx.user.id, deletedAt: null },
    select: { id: true, headVersion: true },
  });
  if (!strategy)
    throw new TRPCError({ code: "NOT_FOUND", message: "This strategy does not exist or is not yours." });
  const number = input.version ?? strategy.headVersion;
  const version = await db.prisma.strategyVersion.findFirst({
    where: { strategyId: strategy.id, number },
    select: { id: true, plan: true },
  });
  if (!version)
    throw new TRPCError({ code: "NOT_FOUND", message: `This strategy has no version ${number}.` });
  const plan = planSchema.safeParse(version.plan);
  if (!plan.success) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Version ${number} has problems that stop it from running. Fix them in the editor, then start paper trading again.`,
    });
  }
  const source = dataset
    ? await replaySource(ctx, input, dataset, plan.data.warmup)
    : await liveSource(ctx, input, plan.data.warmup);
  const id = randomUUID();
  const cash = money(input.settings.run.initialCash);
  await db.withConnection((conn) =>
    conn.query(
      `INSERT INTO paper_sessions (id, owner_id, strategy_version_id, dataset, symbol, timeframe, settings,
          initial_cash, cash, equity, warmup_from, live_from, broker, market, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, $9, $10, $11, $12, now())`,
      [
        id,
        ctx.user.id,
        version.id,
        source.dataset,
        source.symbol,
        source.timeframe,
        JSON.stringify(input.settings),
        cash,
        source.warmupFrom,
        source.liveFrom,
        input.broker,
        input.market,
      ],
    ),
  );
  await bus.publish(PAPER_CONTROL_TOPIC, { id });
  await ctx.services.paperQueue?.enqueue(id);
  return { id };
}

/** A replay: the dataset's bars, warm-up on its first bars, trading on the rest. */
async function replaySource(
  ctx: Ctx,
  input: StartInput,
  dataset: { id: string; name: string; symbol: string | null; timeframe: string },
  warmup: number,
): Promise<SessionSource> {
  const window = sessionWindow(await ctx.services.data.load(ctx.user.id, dataset.id), warmup);
  if (!window) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `dataset: "${dataset.name}" has too few bars to warm this strategy up (it needs ${warmup + 2}).`,
    });
  }
  const symbol =
    input.broker === "simulated" ? (dataset.symbol ?? dataset.name) : await brokerSymbol(ctx, input, dataset);
  return { dataset: dataset.id, symbol, timeframe: dataset.timeframe, ...window };
}

/**
 * A venue's live market: trading from the bar forming now, warm-up on the venue's bars before it.
 * Whether the venue knows the symbol is found by the session's first read, which fails it with a
 * sentence if not, so starting never waits on the venue.
 */
async function liveSource(ctx: Ctx, input: StartInput, warmup: number): Promise<SessionSource> {
  // The schema requires a symbol and a timeframe on a live market.
  const venue = input.market as LiveVenue;
  const symbol = input.symbol!;
  const timeframe = input.timeframe!;
  // Orders at Alpaca are allowed on Alpaca's market only (the schema says so), so one key serves both.
  if (venue === "alpaca") {
    await needAlpacaKey(
      ctx,
      "market: Alpaca's live market needs your Alpaca API key. Add it on the Data page, then start again.",
    );
  }
  return {
    dataset: venueDatasetId(venue, symbol, timeframe),
    symbol,
    timeframe,
    ...liveWindow(venue, symbol, timeframe, warmup, Date.now()),
  };
}

/** Asks the venue whether it trades the symbol (see checkVenueSymbol), with the owner's key where it needs one. */
export async function checkSymbol(ctx: Ctx, input: z.output<typeof checkSymbolInput>): Promise<SymbolCheck> {
  const { data } = ctx.services;
  const key = input.market === "alpaca" ? await data.credentials.reveal(ctx.user.id, "alpaca") : null;
  if (input.market === "alpaca" && !key) {
    const message = "Alpaca's live market needs your Alpaca API key. Add it on the Data page.";
    return { status: "refused", message };
  }
  const connector = data.connectors(input.market, key, ctx.log);
  return checkVenueSymbol(input.market, connector, input.symbol, input.timeframe);
}

/** Refuses with `message` unless the owner has saved an Alpaca key; the key itself stays on the server. */
async function needAlpacaKey(ctx: Ctx, message: string): Promise<void> {
  const keys = await ctx.services.data.credentials.list(ctx.user.id);
  if (!keys.some((key) => key.venue === "alpaca")) throw new TRPCError({ code: "BAD_REQUEST", message });
}

/**
 * The symbol a session at Alpaca trades, once the owner is known to have an Alpaca key: the one
 * they gave, else the dataset's.
 */
async function brokerSymbol(
  ctx: Ctx,
  input: StartInput,
  dataset: { name: string; symbol: string | null },
): Promise<string> {
  await needAlpacaKey(ctx, BROKER_NEEDS_KEY);
  const symbol = input.symbol ?? dataset.symbol;
  if (!symbol) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `symbol: "${dataset.name}" does not say which symbol to trade at Alpaca; enter one, such as AAPL.`,
    });
  }
  return symbol;
}

const CHANGES = {
  stop: { from: ["running", "paused"], to: "stopped" },
  pause: { from: ["running"], to: "paused" },
  resume: { from: ["paused"], to: "running" },
} as const;

/**
 * Stop, pause or resume: the row changes here; the runtime holding the session hears it on the bus,
 * and with Redis a resumed session goes on the work queue for a runner to take.
 */
export async function changePaper(
  ctx: Ctx,
  { id }: z.output<typeof paperIdInput>,
  change: keyof typeof CHANGES,
) {
  const { from, to } = CHANGES[change];
  const rows = await ctx.services.db.withConnection((conn) =>
    conn.query<{ status: string }>(
      `UPDATE paper_sessions SET status = $3::paper_session_status, updated_at = now(),
              stopped_at = CASE WHEN $3 = 'stopped' THEN now() ELSE stopped_at END
        WHERE id = $1 AND owner_id = $2 AND status::text = ANY($4::text[])
        RETURNING status::text AS status`,
      [id, ctx.user.id, to, from],
    ),
  );
  if (rows.length === 0) {
    const owned = await ctx.services.db.prisma.paperSession.findFirst({
      where: { id, ownerId: ctx.user.id },
      select: { status: true },
    });
    if (!owned) throw new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND });
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `This paper session is ${owned.status}, so it cannot be ${change === "stop" ? "stopped" : change === "pause" ? "paused" : "resumed"}.`,
    });
  }
  await ctx.services.bus.publish(PAPER_CONTROL_TOPIC, { id });
  if (to === "running") await ctx.services.paperQueue?.enqueue(id);
  return { id, status: to };
}

const summary = {
  id: true,
  status: true,
  broker: true,
  market: true,
  dataset: true,
  symbol: true,
  timeframe: true,
  initialCash: true,
  cash: true,
  position: true,
  equity: true,
  lastBarTime: true,
  lastPrice: true,
  error: true,
  createdAt: true,
  stoppedAt: true,
  strategyVersion: { select: { number: true, strategy: { select: { id: true, name: true } } } },
} as const;

type SummaryRow = {
  initialCash: { toString(): string };
  cash: { toString(): string };
  position: { toString(): string };
  equity: { toString(): string };
  lastBarTime: bigint | null;
  strategyVersion: { number: number; strategy: { id: string; name: string } };
};

/** Decimal money travels as strings so no digit is lost; bar times as epoch-ms numbers. */
function present<T extends SummaryRow>({
  initialCash,
  cash,
  position,
  equity,
  lastBarTime,
  strategyVersion,
  ...rest
}: T) {
  const pnl = (Number(equity.toString()) - Number(initialCash.toString())).toFixed(2);
  return {
    ...rest,
    initialCash: initialCash.toString(),
    cash: cash.toString(),
    position: position.toString(),
    equity: equity.toString(),
    pnl,
    lastBarTime: lastBarTime === null ? null : Number(lastBarTime),
    version: strategyVersion.number,
    strategy: strategyVersion.strategy,
  };
}

export async function listPaper(ctx: Ctx, { strategyId, limit }: z.output<typeof listPaperInput>) {
  const rows = await ctx.services.db.prisma.paperSession.findMany({
    where: { ownerId: ctx.user.id, ...(strategyId ? { strategyVersion: { strategyId } } : {}) },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: summary,
  });
  return rows.map(present);
}

export async function getPaper(ctx: Ctx, { id }: z.output<typeof paperIdInput>) {
  const { prisma } = ctx.services.db;
  const session = await prisma.paperSession.findFirst({
    where: { id, ownerId: ctx.user.id },
    select: summary,
  });
  if (!session) throw new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND });
  const [orders, fills, equity, journal] = await Promise.all([
    prisma.paperOrder.findMany({ where: { sessionId: id }, orderBy: { placedAt: "desc" }, take: 200 }),
    prisma.paperFill.findMany({ where: { sessionId: id }, orderBy: { time: "desc" }, take: 200 }),
    prisma.paperEquity.findMany({ where: { sessionId: id }, orderBy: { time: "asc" } }),
    prisma.paperJournalEntry.findMany({ where: { sessionId: id }, orderBy: { at: "desc" }, take: 50 }),
  ]);
  const decimal = (value: { toString(): string } | null) => (value === null ? null : value.toString());
  // Thinned to at most about 1000 points for the chart, keeping the last point and the bars of
  // the fills sent (a fill's marker sits on its bar's close).
  const step = Math.max(1, Math.ceil(equity.length / 1000));
  const fillTimes = new Set(fills.map((f) => f.time));
  const points = equity.filter((p, i) => i % step === 0 || i === equity.length - 1 || fillTimes.has(p.time));
  return {
    ...present(session),
    openOrders: orders
      .filter((o) => OPEN_STATUSES.includes(o.status))
      .map((o) => ({
        clientOrderId: o.clientOrderId,
        action: o.action,
        side: o.side,
        quantity: decimal(o.quantity),
        orderType: o.orderType,
        purpose: o.purpose,
        limitPrice: decimal(o.limitPrice),
        stopPrice: decimal(o.stopPrice),
        status: o.status,
        placedAt: Number(o.placedAt),
      })),
    orders: orders.map((o) => ({
      clientOrderId: o.clientOrderId,
      action: o.action,
      side: o.side,
      quantity: decimal(o.quantity),
      orderType: o.orderType,
      status: o.status,
      reason: o.reason,
      placedAt: Number(o.placedAt),
    })),
    fills: fills.map((f) => ({
      clientOrderId: f.clientOrderId,
      side: f.side,
      quantity: f.quantity.toString(),
      price: f.price.toString(),
      commission: f.commission.toString(),
      purpose: f.purpose,
      time: Number(f.time),
    })),
    journal: journal.map((j) => ({ kind: j.kind, message: j.message, at: j.at.getTime() })),
    equity: points.map((p) => [Number(p.time), Number(p.equity.toString())] as [number, number]),
    closes: points
      .filter((p) => p.close !== null)
      .map((p) => [Number(p.time), Number(p.close!.toString())] as [number, number]),
  };
}
