import type { Database } from "@/server/db/client";

export interface SimilarHit {
  id: string;
  /** Cosine similarity of the two plans' embeddings, in [-1, 1]. */
  similarity: number;
}

export interface NearestOptions {
  limit: number;
  /** Leave this template out (the one whose page asks). */
  excludeId?: string;
  /** "auto": the HNSW index when pgvector is there, else exact search. Tests and the benchmark force one. */
  method?: "auto" | "index" | "exact";
}

/** The index is asked for a few more than wanted, so ties at the cut are broken by id, as exact search does. */
const CANDIDATES_PER_RESULT = 2;
const MIN_EF_SEARCH = 100;

/**
 * The published templates whose plans are nearest to `embedding`, by cosine similarity (the dot
 * product: embeddings are unit length), ties broken by id.
 * - index: pgvector's HNSW index over `template_vectors` (single-precision vectors), approximate;
 * - exact: a dot product over every published template's double-precision array, in plain SQL,
 *   so it runs on any PostgreSQL. Slower, and the reference the index is measured against.
 * The two agree on the ranking whenever the index finds the true neighbours; their similarity
 * values differ only by single-precision rounding (below 1e-6).
 */
export async function nearestTemplates(
  db: Database,
  embedding: ArrayLike<number>,
  { limit, excludeId = "", method = "auto" }: NearestOptions,
): Promise<SimilarHit[]> {
  const useIndex = method === "index" || (method === "auto" && db.vector);
  if (useIndex && !db.vector) throw new Error("The vector index needs pgvector, which this database lacks.");
  const values = Array.from(embedding);
  if (!useIndex) {
    const rows = await db.withConnection((conn) =>
      conn.query<{ id: string; similarity: number }>(
        `SELECT t.id, (SELECT sum(a * b) FROM unnest(t.embedding, $1::float8[]) AS u(a, b)) AS similarity
         FROM templates t
         WHERE t.published AND t.id <> $2 AND cardinality(t.embedding) = cardinality($1::float8[])
         ORDER BY similarity DESC, t.id LIMIT $3`,
        [`{${values.join(",")}}`, excludeId, limit],
      ),
    );
    return rows.map((r) => ({ id: r.id, similarity: Number(r.similarity) }));
  }
  const candidates = limit * CANDIDATES_PER_RESULT;
  const rows = await db.withConnection((conn) =>
    conn.transaction(async (tx) => {
      await tx.exec(`SET LOCAL hnsw.ef_search = ${Math.max(MIN_EF_SEARCH, candidates)}`);
      // The table holds only published templates (see vector-index.ts), so no join is needed.
      return tx.query<{ id: string; distance: number }>(
        `SELECT template_id AS id, embedding <=> $2::vector AS distance FROM template_vectors
         WHERE template_id <> $1 ORDER BY embedding <=> $2::vector LIMIT $3`,
        [excludeId, `[${values.join(",")}]`, candidates],
      );
    }),
  );
  return rows
    .map((r) => ({ id: r.id, similarity: 1 - Number(r.distance) }))
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}
