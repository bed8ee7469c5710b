import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { planSchema } from "@/engine-runtime/plan/schema";
import type { Context } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { money } from "@/server/trading/ledger";
import { OPEN_STATUSES } from "@/server/trading/live/ledger";
import { sessionWindow } from "@/server/trading/market";
import { PAPER_CONTROL_TOPIC } from "@/server/trading/runtime";
import type { listPaperInput, paperIdInput, startPaperInput } from "./paper.schema";

type Ctx = Context & { user: SessionUser };

const NOT_FOUND = "This paper session does not exist or is not yours.";

export async function startPaper(ctx: Ctx, input: z.output<typeof startPaperInput>) {
  const { db, data, bus } = ctx.services;
  const dataset = await data.find(ctx.user.id, input.dataset);
  if (!dataset) {
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
  const window = sessionWindow(await data.load(ctx.user.id, input.dataset), plan.data.warmup);
  if (!window) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `dataset: "${dataset.name}" has too few bars to warm this strategy up (it needs ${plan.data.warmup + 2}).`,
    });
  }
  const symbol =
    input.broker === "simulated" ? (dataset.symbol ?? dataset.name) : await brokerSymbol(ctx, input, dataset);
  const id = randomUUID();
  const cash = money(input.settings.run.initialCash);
  await db.withConnection((conn) =>
    conn.query(
      `INSERT INTO paper_sessions (id, owner_id, strategy_version_id, dataset, symbol, timeframe, settings,
          initial_cash, cash, equity, warmup_from, live_from, broker, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, $9, $10, $11, now())`,
      [
        id,
        ctx.user.id,
        version.id,
        input.dataset,
        symbol,
        dataset.timeframe,
        JSON.stringify(input.settings),
        cash,
        window.warmupFrom,
        window.liveFrom,
        input.broker,
      ],
    ),
  );
  await bus.publish(PAPER_CONTROL_TOPIC, { id });
  await ctx.services.paperQueue?.enqueue(id);
  return { id };
}

/**
 * The symbol a session at Alpaca trades, once the owner is known to have an Alpaca key: the one
 * they gave, else the dataset's. The key itself stays on the server.
 */
async function brokerSymbol(
  ctx: Ctx,
  input: z.output<typeof startPaperInput>,
  dataset: { name: string; symbol: string | null },
): Promise<string> {
  const keys = await ctx.services.data.credentials.list(ctx.user.id);
  if (!keys.some((key) => key.venue === "alpaca")) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message:
        "broker: trading at your Alpaca paper account needs your Alpaca API key. Add it on the Data page, then start again.",
    });
  }
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
  const step = Math.max(1, Math.ceil(equity.length / 1000));
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
    // Thinned to at most about 1000 points for the chart; the last point is always kept.
    equity: equity
      .filter((_, i) => i % step === 0 || i === equity.length - 1)
      .map((p) => [Number(p.time), Number(p.equity.toString())] as [number, number]),
  };
}
