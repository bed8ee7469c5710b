import { EMBEDDING_DIMENSION } from "@/engine-runtime/embedding";
import type { Database } from "@/server/db/client";

/**
 * The HNSW index for similar-strategy search, made at start-up when the database has pgvector.
 *
 * It lives in a side table, `template_vectors`, outside schema.prisma: pgvector is optional (the
 * local PostgreSQL 15 lacks it), and a migration must run everywhere. The table holds exactly the
 * published templates' head embeddings; a trigger on `templates` keeps it so, whatever writes
 * the row (publish, unpublish, seeding), and the FK cascade removes deleted templates.
 * Every statement is idempotent, so every start runs all of them.
 */
const STATEMENTS = [
  // Writers of templates wait until the index and its trigger exist, so no row slips between them.
  "LOCK TABLE templates IN SHARE ROW EXCLUSIVE MODE",
  // An HNSW build is much faster while its graph fits in memory (about 1.5 kB per template here).
  "SET LOCAL maintenance_work_mem = '256MB'",
  `CREATE TABLE IF NOT EXISTS template_vectors (
     template_id TEXT PRIMARY KEY REFERENCES templates (id) ON DELETE CASCADE ON UPDATE CASCADE,
     embedding vector(${EMBEDDING_DIMENSION}) NOT NULL
   )`,
  // Rows written while the trigger did not exist (a database that moved from a server without pgvector).
  `DELETE FROM template_vectors v USING templates t WHERE t.id = v.template_id AND NOT t.published`,
  `INSERT INTO template_vectors (template_id, embedding)
     SELECT id, embedding::vector FROM templates
     WHERE published AND cardinality(embedding) = ${EMBEDDING_DIMENSION}
   ON CONFLICT (template_id) DO NOTHING`,
  // After the backfill, so a first start builds the graph in one pass instead of row by row.
  `CREATE INDEX IF NOT EXISTS template_vectors_embedding_hnsw
     ON template_vectors USING hnsw (embedding vector_cosine_ops)`,
  `CREATE OR REPLACE FUNCTION template_vectors_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.published AND cardinality(NEW.embedding) = ${EMBEDDING_DIMENSION} THEN
       INSERT INTO template_vectors (template_id, embedding) VALUES (NEW.id, NEW.embedding::vector)
       ON CONFLICT (template_id) DO UPDATE SET embedding = EXCLUDED.embedding;
     ELSE
       DELETE FROM template_vectors WHERE template_id = NEW.id;
     END IF;
     RETURN NULL;
   END $$`,
  `DROP TRIGGER IF EXISTS template_vectors_sync ON templates`,
  `CREATE TRIGGER template_vectors_sync AFTER INSERT OR UPDATE OF published, embedding ON templates
     FOR EACH ROW EXECUTE FUNCTION template_vectors_sync()`,
];

/** Creates or repairs the vector index; does nothing (exact search serves) without pgvector. */
export async function ensureVectorIndex(db: Database): Promise<boolean> {
  if (!db.vector) return false;
  await db.withConnection((conn) =>
    conn.transaction(async (tx) => {
      for (const sql of STATEMENTS) await tx.exec(sql);
    }),
  );
  return true;
}
