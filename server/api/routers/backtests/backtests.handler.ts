import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { isUserDataset } from "@/engine-runtime/data/samples";
import { planSchema } from "@/engine-runtime/plan/schema";
import type { Context } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { datasetForBacktest } from "@/server/jobs/datasets";
import type { backtestIdInput, listBacktestsInput, startBacktestInput } from "./backtests.schema";

type Ctx = Context & { user: SessionUser };

const NOT_FOUND = "This backtest does not exist or is not yours.";

export async function startBacktest(ctx: Ctx, input: z.output<typeof startBacktestInput>) {
  const { prisma } = ctx.services.db;
  const dataset = await datasetForBacktest(ctx.services.data, ctx.user.id, input.dataset);
  if (!dataset) {
    throw isUserDataset(input.dataset)
      ? new TRPCError({ code: "NOT_FOUND", message: "dataset: this dataset does not exist or is not yours." })
      : new TRPCError({ code: "BAD_REQUEST", message: `dataset: there is no dataset "${input.dataset}".` });
  }
  const strategy = await prisma.strategy.findFirst({
    where: { id: input.strategyId, ownerId: ctx.user.id },
    select: { id: true, headVersion: true },
  });
  if (!strategy)
    throw new TRPCError({ code: "NOT_FOUND", message: "This strategy does not exist or is not yours." });
  const number = input.version ?? strategy.headVersion;
  const version = await prisma.strategyVersion.findFirst({
    where: { strategyId: strategy.id, number },
    select: { id: true, plan: true },
  });
  if (!version)
    throw new TRPCError({ code: "NOT_FOUND", message: `This strategy has no version ${number}.` });
  const plan = planSchema.safeParse(version.plan);
  if (!plan.success) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Version ${number} has problems that stop it from running. Fix them in the editor, then run the backtest again.`,
    });
  }
  const backtest = await prisma.backtest.create({
    data: {
      strategyVersionId: version.id,
      ownerId: ctx.user.id,
      dataset: input.dataset,
      parameters: input.settings,
      initialCash: input.settings.initialCash.toFixed(8),
    },
    select: { id: true },
  });
  ctx.services.backtests.enqueue(
    backtest.id,
    ctx.user.id,
    plan.data,
    input.dataset,
    input.settings,
    dataset.load,
  );
  return backtest;
}

export async function getBacktest(ctx: Ctx, { id }: z.output<typeof backtestIdInput>) {
  const backtest = await ctx.services.db.prisma.backtest.findFirst({
    where: { id, ownerId: ctx.user.id },
    include: {
      strategyVersion: { select: { number: true, strategy: { select: { id: true, name: true } } } },
    },
  });
  if (!backtest) throw new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND });
  const { strategyVersion, initialCash, finalEquity, ...rest } = backtest;
  return {
    ...rest,
    // Decimal money travels as strings so no digit is lost on the way to the browser.
    initialCash: initialCash.toString(),
    finalEquity: finalEquity?.toString() ?? null,
    version: strategyVersion.number,
    strategy: strategyVersion.strategy,
  };
}

export async function listBacktests(ctx: Ctx, { strategyId, limit }: z.output<typeof listBacktestsInput>) {
  const rows = await ctx.services.db.prisma.backtest.findMany({
    where: { ownerId: ctx.user.id, ...(strategyId ? { strategyVersion: { strategyId } } : {}) },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      status: true,
      progress: true,
      dataset: true,
      error: true,
      resultSummary: true,
      createdAt: true,
      finishedAt: true,
      initialCash: true,
      finalEquity: true,
      strategyVersion: { select: { number: true, strategyId: true } },
    },
  });
  return rows.map(({ strategyVersion, initialCash, finalEquity, ...row }) => ({
    ...row,
    initialCash: initialCash.toString(),
    finalEquity: finalEquity?.toString() ?? null,
    version: strategyVersion.number,
    strategyId: strategyVersion.strategyId,
  }));
}

export async function cancelBacktest(ctx: Ctx, { id }: z.output<typeof backtestIdInput>) {
  const owned = await ctx.services.db.prisma.backtest.findFirst({
    where: { id, ownerId: ctx.user.id },
    select: { status: true },
  });
  if (!owned) throw new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND });
  const cancelled = await ctx.services.backtests.cancel(id, ctx.user.id);
  if (!cancelled) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `This backtest has already ${owned.status === "succeeded" ? "finished" : owned.status}.`,
    });
  }
  return { cancelled: true };
}
