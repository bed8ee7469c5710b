import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { templates } from "@/engine-runtime/templates";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { createLogger } from "@/server/ops/log";
import { describeWithService, testDatabaseUrl } from "@/server/testing/backends";
import { createScratchDatabase } from "@/server/testing/postgres";
import { seedTemplates } from "./seed";
import { marketplaceReady, prepareMarketplace } from "./setup";
import { nearestTemplates, type SimilarHit } from "./similar";

/**
 * Start-up seeding and the two ways of finding similar strategies: the HNSW index (pgvector,
 * on PGlite) and exact search (any PostgreSQL), which must give the same answers.
 */
let pglite: Database;
/** For every seeded template: its 10 nearest, by exact search on PGlite. */
const exactAnswers = new Map<string, SimilarHit[]>();

beforeAll(async () => {
  pglite = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  await migrate(pglite);
  await prepareMarketplace(pglite, createLogger("silent"));
});
afterAll(async () => pglite?.close());

/**
 * Equal rankings, up to the index's single-precision rounding: the same similarities within 1e-6,
 * and the same templates except where two of them tie within that rounding.
 */
function sameRanking(
  a: SimilarHit[],
  b: SimilarHit[],
  name: (h: SimilarHit) => string = (h) => h.id,
): boolean {
  if (a.length !== b.length) return false;
  return a.every((hit, i) => {
    const other = b[i];
    if (Math.abs(hit.similarity - other.similarity) > 1e-6) return false;
    if (name(hit) === name(other)) return true;
    const tied = b.filter((h) => Math.abs(h.similarity - hit.similarity) <= 1e-6).map(name);
    return tied.includes(name(hit));
  });
}

async function embeddings(db: Database) {
  return db.prisma.template.findMany({
    where: { published: true },
    select: { id: true, title: true, embedding: true },
    orderBy: { title: "asc" },
  });
}

describe("marketplace start-up", () => {
  it("publishes every built-in template on first start and builds the vector index", async () => {
    await marketplaceReady(pglite);
    expect(pglite.vector, "PGlite ships pgvector").toBe(true);
    expect(await pglite.prisma.template.count({ where: { published: true } })).toBe(templates.length);
    const [{ count }] = await pglite.prisma.$queryRawUnsafe<{ count: number }[]>(
      "SELECT count(*)::int AS count FROM template_vectors",
    );
    expect(count, "the trigger put every published template into the index").toBe(templates.length);
  });

  it("is idempotent: preparing again changes nothing", async () => {
    await prepareMarketplace(pglite, createLogger("silent"));
    expect(await seedTemplates(pglite)).toBe(0);
    expect(await pglite.prisma.template.count()).toBe(templates.length);
  });

  it("keeps the index to published templates when one is withdrawn and republished", async () => {
    const [first] = await embeddings(pglite);
    await pglite.prisma.template.update({ where: { id: first.id }, data: { published: false } });
    const count = async () =>
      (
        await pglite.prisma.$queryRawUnsafe<{ n: number }[]>(
          "SELECT count(*)::int AS n FROM template_vectors WHERE template_id = $1",
          first.id,
        )
      )[0].n;
    expect(await count(), "withdrawn: out of the index").toBe(0);
    const hits = await nearestTemplates(pglite, first.embedding, { limit: 50, method: "exact" });
    expect(
      hits.map((h) => h.id),
      "and out of exact search",
    ).not.toContain(first.id);
    await pglite.prisma.template.update({ where: { id: first.id }, data: { published: true } });
    expect(await count(), "published again: back in the index").toBe(1);
  });
});

describe("similar strategies", () => {
  it("gives the same top 10 through the HNSW index as exact search, for every template", async () => {
    for (const t of await embeddings(pglite)) {
      const exact = await nearestTemplates(pglite, t.embedding, {
        limit: 10,
        excludeId: t.id,
        method: "exact",
      });
      const indexed = await nearestTemplates(pglite, t.embedding, {
        limit: 10,
        excludeId: t.id,
        method: "index",
      });
      expect(exact.length).toBe(10);
      expect(
        sameRanking(indexed, exact),
        `nearest to ${t.title}: ${JSON.stringify({ indexed, exact })}`,
      ).toBe(true);
      exactAnswers.set(t.title, exact);
    }
  });

  it("ranks a template's own plan first with similarity 1 when it is not excluded", async () => {
    const [t] = await embeddings(pglite);
    const [top] = await nearestTemplates(pglite, t.embedding, { limit: 1 });
    expect(top.id).toBe(t.id);
    expect(top.similarity).toBeCloseTo(1, 12);
  });
});

describeWithService(
  "similar strategies on PostgreSQL without pgvector",
  "TEST_DATABASE_URL",
  testDatabaseUrl,
  (url) => {
    let postgres: Database;
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    beforeAll(async () => {
      scratch = await createScratchDatabase(url);
      postgres = await openDatabase({ databaseUrl: scratch.url, dataDir: MEMORY_DATA_DIR });
      await migrate(postgres);
      await prepareMarketplace(postgres, createLogger("silent"));
    });
    afterAll(async () => {
      await postgres?.close();
      await scratch?.drop();
    });

    it("answers with exact search, exactly as exact search on PGlite (which the index matches)", async () => {
      expect(postgres.vector, "the local PostgreSQL 15 has no pgvector").toBe(false);
      const titles = new Map((await embeddings(postgres)).map((t) => [t.id, t.title]));
      const pgliteTitles = new Map((await embeddings(pglite)).map((t) => [t.id, t.title]));
      for (const t of await embeddings(postgres)) {
        const hits = await nearestTemplates(postgres, t.embedding, { limit: 10, excludeId: t.id });
        const expected = exactAnswers.get(t.title)!;
        // Ids differ between the databases; titles and similarities do not. Ties may order by id differently.
        expect(
          hits.map((h) => h.similarity),
          `similarities near ${t.title}`,
        ).toEqual(expected.map((h) => h.similarity));
        expect(new Set(hits.map((h) => titles.get(h.id))), `titles near ${t.title}`).toEqual(
          new Set(expected.map((h) => pgliteTitles.get(h.id))),
        );
      }
    });

    it("refuses to use an index that does not exist", async () => {
      await expect(nearestTemplates(postgres, [1], { limit: 1, method: "index" })).rejects.toThrow(
        "The vector index needs pgvector, which this database lacks.",
      );
    });
  },
);
