import { embedPlan } from "@/engine-runtime/embedding";
import type { Plan } from "@/engine-runtime/plan/schema";
import { catalogue } from "@/nodes/catalogue";
import type { Graph } from "@/nodes/core/graph";
import type { Database } from "@/server/db/client";
import { computeSnapshot, type Snapshot } from "./snapshot";

export interface TemplateDetails {
  title: string;
  description: string;
  tags: string[];
  market: string;
  timeframe: string;
}

export interface PublishRequest extends TemplateDetails {
  strategyId: string;
  authorId: string;
  /** The strategy version being published, and what it holds. */
  sourceVersion: number;
  graph: Graph;
  plan: Plan;
  planHash: string;
}

export interface Published {
  id: string;
  version: number;
  embedding: Float64Array;
  snapshot: Snapshot;
}

/** Node types a graph uses, including inside its custom blocks, sorted: the "uses" filter reads these. */
export function nodeTypesOf(graph: Graph): string[] {
  const types = new Set(graph.nodes.map((n) => n.type));
  for (const block of Object.values(graph.blocks ?? {})) for (const n of block.nodes) types.add(n.type);
  return [...types].sort();
}

/** What full-text search reads: the words a trader would type, including the nodes' titles. */
function searchText(details: TemplateDetails, nodeTypes: string[]): string {
  const titles = nodeTypes.map((t) => (catalogue.has(t) ? catalogue.get(t).title : t));
  return [details.title, details.description, details.tags.join(" "), titles.join(" ")].join("\n");
}

/**
 * Publishes one version of a strategy: the first publish creates the template, each later one
 * adds a version and makes it the head (and publishes the template again if it was withdrawn).
 * The snapshot backtest and the embedding are computed here, once per version.
 */
export async function publishTemplate(db: Database, request: PublishRequest): Promise<Published> {
  const embedding = embedPlan(request.plan);
  const snapshot = await computeSnapshot(request.plan);
  const nodeTypes = nodeTypesOf(request.graph);
  const { title, description, tags, market, timeframe } = request;
  const head = {
    title,
    description,
    tags,
    market,
    timeframe,
    published: true,
    nodeTypes,
    embedding: Array.from(embedding),
    searchText: searchText(request, nodeTypes),
    sharpe: snapshot.headline.sharpe,
    totalReturn: snapshot.headline.totalReturn,
    maxDrawdown: snapshot.headline.maxDrawdown,
  };
  const version = (number: number) => ({
    number,
    sourceVersion: request.sourceVersion,
    graph: request.graph as object,
    plan: request.plan as object,
    planHash: request.planHash,
    embedding: Array.from(embedding),
    snapshot: snapshot as unknown as object,
  });
  const { prisma } = db;
  const existing = await prisma.template.findUnique({
    where: { strategyId: request.strategyId },
    select: { id: true, headVersion: true },
  });
  if (!existing) {
    const created = await prisma.template.create({
      data: {
        ...head,
        strategyId: request.strategyId,
        authorId: request.authorId,
        headVersion: 1,
        versions: { create: version(1) },
      },
      select: { id: true },
    });
    return { id: created.id, version: 1, embedding, snapshot };
  }
  const number = existing.headVersion + 1;
  // The head number in the where clause makes two concurrent republishes fail instead of clash.
  await prisma.template.update({
    where: { id: existing.id, headVersion: existing.headVersion },
    data: { ...head, headVersion: number, versions: { create: version(number) } },
  });
  return { id: existing.id, version: number, embedding, snapshot };
}
