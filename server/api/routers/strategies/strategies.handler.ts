import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { migrateGraph } from "@/engine-runtime/compiler";
import { findStarter, starters } from "@/engine-runtime/starters";
import { emptyGraph, type Graph } from "@/nodes/core/graph";
import { Prisma } from "@/server/db/generated/client";
import { asJson, checkGraph, compiledColumns, mine, notFound, type SignedInContext } from "./access";
import type { createInput, idInput, listInput, renameInput } from "./strategies.schema";

export interface StrategySummary {
  id: string;
  name: string;
  description: string | null;
  updatedAt: Date;
  headVersion: number;
  nodeCount: number;
}

/** The user's strategies, most recently changed first; `search` matches name or description. */
export async function list(
  ctx: SignedInContext,
  input: z.output<typeof listInput>,
): Promise<StrategySummary[]> {
  const search = input.search ? `%${escapeLike(input.search)}%` : null;
  const rows = await ctx.services.db.prisma.$queryRaw<
    {
      id: string;
      name: string;
      description: string | null;
      updated_at: Date | string;
      head_version: number;
      node_count: number | null;
    }[]
  >`
    SELECT s.id, s.name, s.description, s.updated_at, s.head_version,
           CASE WHEN jsonb_typeof(v.graph -> 'nodes') = 'array'
                THEN jsonb_array_length(v.graph -> 'nodes') ELSE 0 END AS node_count
    FROM strategies s
    LEFT JOIN strategy_versions v ON v.strategy_id = s.id AND v.number = s.head_version
    WHERE s.owner_id = ${ctx.user.id} AND s.deleted_at IS NULL
      AND (${search}::text IS NULL
           OR s.name ILIKE ${search}::text ESCAPE '\\'
           OR s.description ILIKE ${search}::text ESCAPE '\\')
    ORDER BY s.updated_at DESC, s.id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    updatedAt: new Date(row.updated_at),
    headVersion: Number(row.head_version),
    nodeCount: Number(row.node_count ?? 0),
  }));
}

/** `%`, `_` and `\` match literally, so searching "50%" finds "50%" and not "500". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

export async function create(ctx: SignedInContext, input: z.output<typeof createInput>) {
  if (input.starter !== undefined && input.graph !== undefined) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Start from a starter or from a graph, not both." });
  }
  let graph: Graph;
  let description: string | null = null;
  if (input.starter !== undefined) {
    const starter = findStarter(input.starter);
    if (!starter) {
      const ids = starters.map((s) => `“${s.id}”`).join(", ");
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `There is no starter “${input.starter}”. Choose one of ${ids}.`,
      });
    }
    graph = starter.graph;
    description = starter.description;
  } else {
    graph = input.graph === undefined ? emptyGraph() : checkGraph(input.graph);
  }
  const strategy = await ctx.services.db.prisma.strategy.create({
    data: {
      ownerId: ctx.user.id,
      name: input.name,
      description,
      headVersion: 1,
      versions: {
        create: { number: 1, graph: asJson(graph), ...compiledColumns(graph), createdById: ctx.user.id },
      },
    },
    select: { id: true },
  });
  return { id: strategy.id };
}

/** The strategy with the graph of its head version, brought to the current graph format. */
export async function get(ctx: SignedInContext, input: z.output<typeof idInput>) {
  const strategy = await ctx.services.db.prisma.strategy.findFirst({
    where: mine(ctx, input.id),
    select: {
      id: true,
      name: true,
      description: true,
      headVersion: true,
      updatedAt: true,
      // The head is always the highest number: versions are only ever added on top.
      versions: { orderBy: { number: "desc" }, take: 1, select: { graph: true } },
    },
  });
  if (!strategy) throw notFound();
  const { versions, ...rest } = strategy;
  const { graph, diagnostics } = migrateGraph(versions[0]?.graph ?? emptyGraph());
  if (!graph) {
    throw new TRPCError({
      code: "UNPROCESSABLE_CONTENT",
      message: `The saved graph cannot be opened: ${diagnostics.map((d) => d.message).join(" ")}`,
    });
  }
  return { ...rest, graph };
}

export async function rename(ctx: SignedInContext, input: z.output<typeof renameInput>) {
  const { count } = await ctx.services.db.prisma.strategy.updateMany({
    where: mine(ctx, input.id),
    data: { name: input.name },
  });
  if (count === 0) throw notFound();
  return { id: input.id, name: input.name };
}

/** A new strategy whose first version is the head of this one. */
export async function duplicate(ctx: SignedInContext, input: z.output<typeof idInput>) {
  const prisma = ctx.services.db.prisma;
  const source = await prisma.strategy.findFirst({
    where: mine(ctx, input.id),
    select: {
      name: true,
      description: true,
      versions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { graph: true, plan: true, planHash: true },
      },
    },
  });
  const head = source?.versions[0];
  if (!source || !head) throw notFound();
  const copy = await prisma.strategy.create({
    data: {
      ownerId: ctx.user.id,
      name: copyName(source.name),
      description: source.description,
      headVersion: 1,
      versions: {
        create: {
          number: 1,
          graph: head.graph as Prisma.InputJsonValue,
          plan: (head.plan ?? Prisma.DbNull) as Prisma.InputJsonValue,
          planHash: head.planHash,
          createdById: ctx.user.id,
        },
      },
    },
    select: { id: true },
  });
  return { id: copy.id };
}

const MAX_NAME = 120;
const COPY_SUFFIX = " (copy)";

function copyName(name: string): string {
  return `${name.slice(0, MAX_NAME - COPY_SUFFIX.length)}${COPY_SUFFIX}`;
}

/**
 * Hides the strategy for good. The row stays (soft delete, see schema.prisma) so backtests and
 * forks that point at it keep their history.
 */
export async function remove(ctx: SignedInContext, input: z.output<typeof idInput>) {
  const { count } = await ctx.services.db.prisma.strategy.updateMany({
    where: mine(ctx, input.id),
    data: { deletedAt: new Date() },
  });
  if (count === 0) throw notFound();
  return { id: input.id };
}
