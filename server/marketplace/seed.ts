import { compile } from "@/engine-runtime/compiler";
import { type Template, templates } from "@/engine-runtime/templates";
import type { Database } from "@/server/db/client";
import { publishTemplate } from "./publish";

/** The author of the seeded templates. Its password hash matches no password, so nobody can sign in as it. */
export const STRATA_TEAM = { email: "team@strata.invalid", name: "Strata Team", passwordHash: "!" };

/** Seeded strategies get ids derived from the template id, which makes seeding idempotent. */
export const seededStrategyId = (template: Pick<Template, "id">) => `seed-${template.id}`;

/**
 * Publishes the built-in templates that are not there yet, as the Strata Team. Skips everything
 * with one query when all are present. Two instances seeding one database at once is safe: the
 * loser of a race hits the strategy's primary key and moves on.
 */
export async function seedTemplates(db: Database, list: readonly Template[] = templates): Promise<number> {
  const { prisma } = db;
  const present = new Set(
    (
      await prisma.strategy.findMany({
        where: { id: { in: list.map(seededStrategyId) } },
        select: { id: true },
      })
    ).map((s) => s.id),
  );
  const missing = list.filter((t) => !present.has(seededStrategyId(t)));
  if (missing.length === 0) return 0;
  const team = await prisma.user.upsert({
    where: { email: STRATA_TEAM.email },
    create: STRATA_TEAM,
    update: {},
    select: { id: true },
  });
  let seeded = 0;
  for (const template of missing) {
    const compiled = compile(template.graph);
    if (!compiled.plan || !compiled.hash) {
      throw new Error(
        `The built-in template "${template.title}" does not compile: ${compiled.diagnostics.map((d) => d.message).join(" ")}`,
      );
    }
    try {
      await prisma.strategy.create({
        data: {
          id: seededStrategyId(template),
          ownerId: team.id,
          name: template.title,
          description: template.description.split("\n")[0],
          headVersion: 1,
          versions: {
            create: {
              number: 1,
              graph: template.graph as object,
              plan: compiled.plan as object,
              planHash: compiled.hash,
              createdById: team.id,
            },
          },
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") continue;
      throw error;
    }
    await publishTemplate(db, {
      strategyId: seededStrategyId(template),
      authorId: team.id,
      sourceVersion: 1,
      graph: template.graph,
      plan: compiled.plan,
      planHash: compiled.hash,
      title: template.title,
      description: template.description,
      tags: template.tags.map((t) => t.toLowerCase()),
      market: template.market,
      timeframe: template.timeframe,
    });
    seeded++;
  }
  return seeded;
}
