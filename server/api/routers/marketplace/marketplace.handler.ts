import type { z } from "zod";
import type { Context } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { searchTemplates, templateFacets } from "@/server/marketplace/search";
import { nearestTemplates } from "@/server/marketplace/similar";
import type { Snapshot } from "@/server/marketplace/snapshot";
import { authorName, ready, templateNotFound, visibleTo } from "./access";
import { templateCards } from "./cards";
import type { getInput, searchInput, similarInput, similarToEmbeddingInput } from "./marketplace.schema";

export async function search(ctx: Context, input: z.output<typeof searchInput>) {
  await ready(ctx);
  const { ids, total } = await searchTemplates(ctx.services.db, input);
  return { items: await templateCards(ctx.services.db, ids), total };
}

export async function facets(ctx: Context) {
  await ready(ctx);
  return templateFacets(ctx.services.db);
}

export async function get(ctx: Context, { id, version }: z.output<typeof getInput>) {
  await ready(ctx);
  const { prisma } = ctx.services.db;
  const template = await prisma.template.findFirst({
    where: visibleTo(ctx, id),
    include: {
      author: { select: { name: true } },
      versions: {
        orderBy: { number: "desc" },
        select: { number: true, createdAt: true, planHash: true, sourceVersion: true },
      },
    },
  });
  if (!template) throw templateNotFound();
  const number = version ?? template.headVersion;
  const shown = await prisma.templateVersion.findFirst({
    where: { templateId: id, number },
    select: { number: true, graph: true, snapshot: true, createdAt: true },
  });
  if (!shown) throw templateNotFound();
  const myRating = ctx.user
    ? await prisma.templateRating.findUnique({
        where: { templateId_userId: { templateId: id, userId: ctx.user.id } },
        select: { stars: true },
      })
    : null;
  const { author, versions, embedding: _embedding, searchText: _searchText, ratingSum, ...rest } = template;
  return {
    ...rest,
    author: authorName(author),
    isAuthor: ctx.user?.id === template.authorId,
    rating: {
      average: template.ratingCount ? ratingSum / template.ratingCount : null,
      count: template.ratingCount,
      mine: myRating?.stars ?? null,
    },
    versions,
    version: {
      number: shown.number,
      createdAt: shown.createdAt,
      graph: shown.graph,
      snapshot: shown.snapshot as unknown as Snapshot,
    },
  };
}

export async function similar(ctx: Context, { id, limit }: z.output<typeof similarInput>) {
  await ready(ctx);
  const template = await ctx.services.db.prisma.template.findFirst({
    where: visibleTo(ctx, id),
    select: { embedding: true },
  });
  if (!template) throw templateNotFound();
  return withCards(
    ctx,
    await nearestTemplates(ctx.services.db, template.embedding, { limit, excludeId: id }),
  );
}

/** Published templates like a plan that is not published, e.g. the one being drawn in the editor. */
export async function similarToEmbedding(
  ctx: Context,
  { embedding, limit }: z.output<typeof similarToEmbeddingInput>,
) {
  await ready(ctx);
  const norm = Math.sqrt(embedding.reduce((sum, x) => sum + x * x, 0));
  if (norm === 0) return [];
  const unit = embedding.map((x) => x / norm);
  return withCards(ctx, await nearestTemplates(ctx.services.db, unit, { limit }));
}

export async function mine(ctx: Context & { user: SessionUser }) {
  await ready(ctx);
  const rows = await ctx.services.db.prisma.template.findMany({
    where: { authorId: ctx.user.id },
    orderBy: { updatedAt: "desc" },
    select: { id: true },
  });
  return templateCards(
    ctx.services.db,
    rows.map((r) => r.id),
  );
}

async function withCards(ctx: Context, hits: { id: string; similarity: number }[]) {
  const cards = await templateCards(
    ctx.services.db,
    hits.map((h) => h.id),
  );
  const similarity = new Map(hits.map((h) => [h.id, h.similarity]));
  return cards.map((card) => ({ ...card, similarity: similarity.get(card.id)! }));
}
