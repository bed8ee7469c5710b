import type { Database } from "@/server/db/client";

export const SORTS = ["relevance", "newest", "mostForked", "bestRated", "bestRiskAdjusted"] as const;
export type Sort = (typeof SORTS)[number];

export interface SearchQuery {
  text?: string;
  market?: string;
  timeframe?: string;
  /** Every one of these tags (lowercased). */
  tags?: string[];
  /** Every one of these node types. */
  nodeTypes?: string[];
  sort: Sort;
  limit: number;
  offset: number;
}

// The expression must equal the GIN index's (migration 20261121195145_marketplace) to use it.
const DOCUMENT = `to_tsvector('english', t.search_text)`;

const ORDER: Record<Sort, string> = {
  relevance: `rank DESC, t.created_at DESC`,
  newest: `t.created_at DESC`,
  mostForked: `t.fork_count DESC, t.created_at DESC`,
  bestRated: `(t.rating_sum::float8 / NULLIF(t.rating_count, 0)) DESC NULLS LAST, t.rating_count DESC, t.created_at DESC`,
  bestRiskAdjusted: `t.sharpe DESC NULLS LAST, t.created_at DESC`,
};

/**
 * Published templates matching a full-text query (PostgreSQL text search, English stemming, so
 * "crossing" finds "crosses") and filters, in the chosen order, one page at a time.
 */
export async function searchTemplates(
  db: Database,
  q: SearchQuery,
): Promise<{ ids: string[]; total: number }> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["t.published"];
  let rank = "0";
  const text = q.text?.trim();
  if (text) {
    const query = `plainto_tsquery('english', ${param(text)})`;
    where.push(`${DOCUMENT} @@ ${query}`);
    rank = `ts_rank(${DOCUMENT}, ${query})`;
  }
  if (q.market) where.push(`t.market = ${param(q.market)}`);
  if (q.timeframe) where.push(`t.timeframe = ${param(q.timeframe)}`);
  if (q.tags?.length) where.push(`t.tags @> ${param(textArray(q.tags))}::text[]`);
  if (q.nodeTypes?.length) where.push(`t.node_types @> ${param(textArray(q.nodeTypes))}::text[]`);
  const sort = q.sort === "relevance" && !text ? "newest" : q.sort;
  const rows = await db.prisma.$queryRawUnsafe<{ id: string; total: bigint | number }[]>(
    `SELECT t.id, ${rank} AS rank, count(*) OVER () AS total FROM templates t
     WHERE ${where.join(" AND ")}
     ORDER BY ${ORDER[sort]}, t.id
     LIMIT ${param(q.limit)} OFFSET ${param(q.offset)}`,
    ...params,
  );
  return { ids: rows.map((r) => r.id), total: rows.length ? Number(rows[0].total) : 0 };
}

/** A PostgreSQL array literal: both drivers pass it as text, whatever they do with JS arrays. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

export interface Facets {
  markets: { value: string; count: number }[];
  timeframes: { value: string; count: number }[];
  tags: { value: string; count: number }[];
  nodeTypes: { value: string; count: number }[];
}

/** What the filters can offer: values present among published templates, with how many have each. */
export async function templateFacets(db: Database): Promise<Facets> {
  const facet = async (expression: string) =>
    (
      await db.prisma.$queryRawUnsafe<{ value: string; count: bigint | number }[]>(
        `SELECT value, count(*) AS count FROM templates t, LATERAL (SELECT ${expression} AS value) v
         WHERE t.published GROUP BY value ORDER BY count(*) DESC, value`,
      )
    ).map((r) => ({ value: r.value, count: Number(r.count) }));
  return {
    markets: await facet("t.market"),
    timeframes: await facet("t.timeframe"),
    tags: await facet("unnest(t.tags)"),
    nodeTypes: await facet("unnest(t.node_types)"),
  };
}
