import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Prisma } from "@/server/db/generated/client";
import { asJson, checkGraph, compiledColumns, mine, notFound, type SignedInContext } from "./access";
import { bumpHead } from "./save.handler";
import type { idInput, nameVersionInput, restoreInput } from "./strategies.schema";

/** Autosave adds a version every few seconds of editing; the list shows the newest ones. */
const MAX_VERSIONS_LISTED = 1000;

export interface VersionSummary {
  number: number;
  label: string | null;
  createdAt: Date;
  planHash: string | null;
  nodeCount: number;
}

/** The strategy's versions, newest first. */
export async function versions(
  ctx: SignedInContext,
  input: z.output<typeof idInput>,
): Promise<VersionSummary[]> {
  const rows = await ctx.services.db.prisma.$queryRaw<
    {
      number: number;
      label: string | null;
      created_at: Date | string;
      plan_hash: string | null;
      node_count: number | null;
    }[]
  >`
    SELECT v.number, v.label, v.created_at, v.plan_hash,
           CASE WHEN jsonb_typeof(v.graph -> 'nodes') = 'array'
                THEN jsonb_array_length(v.graph -> 'nodes') ELSE 0 END AS node_count
    FROM strategy_versions v
    JOIN strategies s ON s.id = v.strategy_id
    WHERE s.id = ${input.id} AND s.owner_id = ${ctx.user.id} AND s.deleted_at IS NULL
    ORDER BY v.number DESC
    LIMIT ${MAX_VERSIONS_LISTED}`;
  // Every strategy is created with version 1, so no rows means no strategy of this user.
  if (rows.length === 0) throw notFound();
  return rows.map((row) => ({
    number: Number(row.number),
    label: row.label,
    createdAt: new Date(row.created_at),
    planHash: row.plan_hash,
    nodeCount: Number(row.node_count ?? 0),
  }));
}

/** Names a version ("before the stop-loss change"); an empty label removes the name. */
export async function nameVersion(ctx: SignedInContext, input: z.output<typeof nameVersionInput>) {
  const prisma = ctx.services.db.prisma;
  const label = input.label || null;
  const { count } = await prisma.strategyVersion.updateMany({
    where: { number: input.version, strategy: mine(ctx, input.id) },
    data: { label },
  });
  if (count === 0) {
    const strategy = await prisma.strategy.findFirst({ where: mine(ctx, input.id), select: { id: true } });
    if (!strategy) throw notFound();
    throw versionNotFound(input.version);
  }
  return { number: input.version, label };
}

/**
 * Makes an old version the head again by saving its graph as a new version on top, so the
 * versions in between stay in the history.
 */
export async function restore(ctx: SignedInContext, input: z.output<typeof restoreInput>) {
  return ctx.services.db.prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const old = await tx.strategyVersion.findFirst({
      where: { number: input.version, strategy: mine(ctx, input.id) },
      select: { graph: true },
    });
    if (!old) {
      const strategy = await tx.strategy.findFirst({ where: mine(ctx, input.id), select: { id: true } });
      if (!strategy) throw notFound();
      throw versionNotFound(input.version);
    }
    // Through the current format and compiler, so the new head's plan is what runs today.
    const graph = checkGraph(old.graph);
    const number = await bumpHead(tx, ctx, input.id);
    await tx.strategyVersion.create({
      data: {
        strategyId: input.id,
        number,
        label: `Restored from version ${input.version}`,
        graph: asJson(graph),
        ...compiledColumns(graph),
        createdById: ctx.user.id,
      },
    });
    return { version: number };
  });
}

function versionNotFound(version: number) {
  return new TRPCError({
    code: "NOT_FOUND",
    message: `This strategy has no version ${version}. Pick one from its version history.`,
  });
}
