import { TRPCError } from "@trpc/server";
import { compile, migrateGraph } from "@/engine-runtime/compiler";
import type { Graph } from "@/nodes/core/graph";
import type { Context } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { Prisma } from "@/server/db/generated/client";

/** A context that passed protectedProcedure. */
export type SignedInContext = Context & { user: SessionUser };

/** The same answer for someone else's strategy and for none at all, so ids reveal nothing. */
export const NOT_FOUND_MESSAGE = "This strategy does not exist or is not yours.";
export const notFound = () => new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND_MESSAGE });

/** Larger graphs would make every save, compile and preview slow for everyone on the machine. */
export const MAX_GRAPH_NODES = 5000;

/** Where a signed-in user may reach a strategy: their own, not deleted. */
export const mine = (ctx: SignedInContext, id: string) => ({ id, ownerId: ctx.user.id, deletedAt: null });

/**
 * Validates a graph from a client with graphSchema and brings it to the current format.
 * Invalid shapes are refused with sentences naming the field; a graph that does not compile is
 * still accepted, since drafts are saved while the trader is drawing.
 */
export function checkGraph(raw: unknown): Graph {
  const nodes = raw && typeof raw === "object" ? (raw as { nodes?: unknown }).nodes : undefined;
  if (Array.isArray(nodes) && nodes.length > MAX_GRAPH_NODES) throw tooLarge(nodes.length);
  const { graph, diagnostics } = migrateGraph(raw);
  if (!graph) {
    throw new TRPCError({ code: "BAD_REQUEST", message: diagnostics.map((d) => d.message).join(" ") });
  }
  return graph;
}

function tooLarge(count: number) {
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `This graph has ${count.toLocaleString("en-US")} nodes; a strategy may have at most ${MAX_GRAPH_NODES.toLocaleString("en-US")}. Remove some nodes, or split the strategy in two.`,
  });
}

/** What a version stores besides its graph: the plan and its hash when the graph compiles, else nulls. */
export function compiledColumns(graph: Graph): {
  plan: Prisma.InputJsonValue | typeof Prisma.DbNull;
  planHash: string | null;
} {
  const result = compile(graph);
  if (!result.ok || !result.plan || !result.hash) return { plan: Prisma.DbNull, planHash: null };
  // The plan is plain JSON data (numbers finite, no undefined), so it is stored as it is: the
  // column holds the same value as the canonical JSON the hash is taken of.
  return { plan: result.plan as unknown as Prisma.InputJsonValue, planHash: result.hash };
}

export const asJson = (graph: Graph) => graph as unknown as Prisma.InputJsonValue;
