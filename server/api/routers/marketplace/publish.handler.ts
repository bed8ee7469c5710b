import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { compile } from "@/engine-runtime/compiler";
import type { Context } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session";
import { publishTemplate } from "@/server/marketplace/publish";
import { nearestTemplates } from "@/server/marketplace/similar";
import { ready, templateNotFound, visibleTo } from "./access";
import type { forkInput, publishInput, rateInput, templateIdInput } from "./marketplace.schema";

type Ctx = Context & { user: SessionUser };

/** Above this cosine similarity a published template counts as a near-duplicate of another. */
export const NEAR_DUPLICATE = 0.98;

const STRATEGY_NOT_FOUND = "This strategy does not exist or is not yours.";

export async function publish(ctx: Ctx, input: z.output<typeof publishInput>) {
  await ready(ctx);
  const { db } = ctx.services;
  const strategy = await db.prisma.strategy.findFirst({
    where: { id: input.strategyId, ownerId: ctx.user.id, deletedAt: null },
    select: { id: true, headVersion: true },
  });
  if (!strategy) throw new TRPCError({ code: "NOT_FOUND", message: STRATEGY_NOT_FOUND });
  const number = input.version ?? strategy.headVersion;
  const version = await db.prisma.strategyVersion.findFirst({
    where: { strategyId: strategy.id, number },
    select: { graph: true },
  });
  if (!version) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message:
        number === 0 ? "Save the strategy before publishing it." : `This strategy has no version ${number}.`,
    });
  }
  // Compiled again rather than trusting the stored plan: what is published must compile today.
  const compiled = compile(version.graph);
  if (!compiled.plan || !compiled.hash) {
    const first = compiled.diagnostics.find((d) => d.severity === "error");
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Version ${number} cannot be published because it does not compile${first ? `: ${first.message}` : "."} Fix it in the editor, save, and publish again.`,
    });
  }
  const { strategyId, version: _version, ...details } = input;
  const published = await publishTemplate(db, {
    ...details,
    strategyId,
    authorId: ctx.user.id,
    sourceVersion: number,
    graph: version.graph as never,
    plan: compiled.plan,
    planHash: compiled.hash,
  }).catch((error) => {
    if ((error as { code?: string }).code === "P2025" || (error as { code?: string }).code === "P2002") {
      throw new TRPCError({
        code: "CONFLICT",
        message: "This template was republished at the same moment from elsewhere. Reload and try again.",
      });
    }
    throw error;
  });
  const near = await nearestTemplates(db, published.embedding, { limit: 3, excludeId: published.id });
  const duplicates = near.filter((n) => n.similarity >= NEAR_DUPLICATE);
  const titles = await db.prisma.template.findMany({
    where: { id: { in: duplicates.map((d) => d.id) } },
    select: { id: true, title: true },
  });
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  return {
    id: published.id,
    version: published.version,
    headline: published.snapshot.headline,
    nearDuplicates: duplicates.map((d) => ({
      id: d.id,
      title: titleOf.get(d.id) ?? "",
      similarity: d.similarity,
    })),
  };
}

export async function unpublish(ctx: Ctx, { id }: z.output<typeof templateIdInput>) {
  await ready(ctx);
  const { count } = await ctx.services.db.prisma.template.updateMany({
    where: { id, authorId: ctx.user.id },
    data: { published: false },
  });
  if (count === 0) throw templateNotFound();
  return { published: false };
}

export async function fork(ctx: Ctx, { id, name }: z.output<typeof forkInput>) {
  await ready(ctx);
  const { prisma } = ctx.services.db;
  const template = await prisma.template.findFirst({
    where: visibleTo(ctx, id),
    select: { title: true, strategyId: true, headVersion: true },
  });
  if (!template) throw templateNotFound();
  const head = await prisma.templateVersion.findFirst({
    where: { templateId: id, number: template.headVersion },
    select: { graph: true, plan: true, planHash: true },
  });
  if (!head) throw templateNotFound();
  const [strategy] = await prisma.$transaction([
    prisma.strategy.create({
      data: {
        ownerId: ctx.user.id,
        name: name ?? template.title,
        forkedFromId: template.strategyId,
        headVersion: 1,
        versions: {
          create: {
            number: 1,
            graph: head.graph as object,
            plan: head.plan as object,
            planHash: head.planHash,
            createdById: ctx.user.id,
          },
        },
      },
      select: { id: true, name: true },
    }),
    prisma.template.update({ where: { id }, data: { forkCount: { increment: 1 } } }),
  ]);
  return { strategyId: strategy.id, name: strategy.name };
}

export async function rate(ctx: Ctx, { id, stars }: z.output<typeof rateInput>) {
  await ready(ctx);
  const { prisma } = ctx.services.db;
  const template = await prisma.template.findFirst({ where: visibleTo(ctx, id), select: { authorId: true } });
  if (!template) throw templateNotFound();
  if (template.authorId === ctx.user.id) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "You cannot rate your own template." });
  }
  await prisma.templateRating.upsert({
    where: { templateId_userId: { templateId: id, userId: ctx.user.id } },
    create: { templateId: id, userId: ctx.user.id, stars },
    update: { stars },
  });
  // Counted again from the ratings, so concurrent ratings cannot leave the totals off by one.
  const [row] = await prisma.$queryRawUnsafe<{ count: number; sum: number }[]>(
    `UPDATE templates SET
       rating_count = (SELECT count(*) FROM template_ratings WHERE template_id = $1),
       rating_sum = (SELECT coalesce(sum(stars), 0) FROM template_ratings WHERE template_id = $1)
     WHERE id = $1 RETURNING rating_count AS count, rating_sum AS sum`,
    id,
  );
  return {
    average: row.count ? Number(row.sum) / Number(row.count) : null,
    count: Number(row.count),
    mine: stars,
  };
}
