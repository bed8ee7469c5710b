import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Prisma } from "@/server/db/generated/client";
import { asJson, checkGraph, compiledColumns, mine, notFound, type SignedInContext } from "./access";
import type { saveInput } from "./strategies.schema";

export function conflictMessage(headVersion: number): string {
  return `This strategy was changed in another tab or window (version ${headVersion}). Load the newer version, or save yours as a new version.`;
}

/**
 * Saves the graph as the next version. The head moves from `baseVersion` to `baseVersion + 1` in
 * one conditional UPDATE, so of two saves based on the same version exactly one wins and the other
 * gets CONFLICT. `force` saves on top of whatever the head is, so neither change is lost.
 */
export async function save(ctx: SignedInContext, input: z.output<typeof saveInput>) {
  const graph = checkGraph(input.graph);
  const compiled = compiledColumns(graph);
  return ctx.services.db.prisma.$transaction(async (tx) => {
    const number = input.force
      ? await bumpHead(tx, ctx, input.id)
      : await moveHead(tx, ctx, input.id, input.baseVersion);
    const version = await tx.strategyVersion.create({
      data: {
        strategyId: input.id,
        number,
        label: input.label || null,
        graph: asJson(graph),
        ...compiled,
        createdById: ctx.user.id,
      },
      select: { createdAt: true },
    });
    return { version: number, planHash: compiled.planHash, savedAt: version.createdAt };
  });
}

type Tx = Prisma.TransactionClient;

/** Moves the head from `base` to `base + 1`, or explains why it cannot. */
async function moveHead(tx: Tx, ctx: SignedInContext, id: string, base: number): Promise<number> {
  const { count } = await tx.strategy.updateMany({
    where: { ...mine(ctx, id), headVersion: base },
    data: { headVersion: base + 1 },
  });
  if (count === 1) return base + 1;
  const current = await tx.strategy.findFirst({ where: mine(ctx, id), select: { headVersion: true } });
  if (!current) throw notFound();
  throw new TRPCError({ code: "CONFLICT", message: conflictMessage(current.headVersion) });
}

/**
 * Adds one to the head whatever it is. The UPDATE locks the row until the transaction ends, so
 * the number read back is ours and a concurrent bump waits for it.
 */
export async function bumpHead(tx: Tx, ctx: SignedInContext, id: string): Promise<number> {
  const { count } = await tx.strategy.updateMany({
    where: mine(ctx, id),
    data: { headVersion: { increment: 1 } },
  });
  if (count === 0) throw notFound();
  const { headVersion } = await tx.strategy.findUniqueOrThrow({
    where: { id },
    select: { headVersion: true },
  });
  return headVersion;
}
