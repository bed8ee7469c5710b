import { randomBytes } from "node:crypto";
import pg from "pg";
import { compile } from "@/engine-runtime/compiler/index";
import { EMBEDDING_DIMENSION, embedPlan } from "@/engine-runtime/embedding";
import type { Plan } from "@/engine-runtime/plan/schema";
import { templates } from "@/engine-runtime/templates";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { nearestTemplates } from "@/server/marketplace/similar";
import { ensureVectorIndex } from "@/server/marketplace/vector-index";
import type { Benchmark, BenchRow } from "./harness";
import { percentile } from "./harness";

/**
 * Similar-strategy search over many plans: embedding throughput, index build, k-NN latency and
 * recall@10 against exact search. Plans are the built-in templates mutated (params scaled,
 * moving-average kinds swapped, order rules changed), so neighbourhoods are realistic: many
 * near-variants of a few dozen ideas. SIMILARITY_BENCH_N overrides the sizes (comma-separated).
 */
const SIZES = (process.env.SIMILARITY_BENCH_N ?? "10000,100000").split(",").map(Number);
const QUERIES = 200;
const K = 10;
const INSERT_BATCH = 500;

const AVERAGES = [
  "indicators.sma",
  "indicators.ema",
  "indicators.wma",
  "indicators.dema",
  "indicators.tema",
  "indicators.trima",
  "indicators.kama",
  "indicators.hma",
];

/** mulberry32: a small seeded generator, so every run measures the same plans. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(base: Plan, rand: () => number): Plan {
  const plan = structuredClone(base);
  for (const step of plan.steps) {
    for (const [key, value] of Object.entries(step.params)) {
      if (typeof value !== "number" || rand() < 0.3) continue;
      const scaled = value * Math.exp((rand() - 0.5) * 0.8);
      step.params[key] = Number.isInteger(value) ? Math.max(1, Math.round(scaled)) : scaled;
    }
    if (AVERAGES.includes(step.op) && rand() < 0.2) step.op = AVERAGES[Math.floor(rand() * AVERAGES.length)];
  }
  for (const order of plan.orders) {
    const roll = rand();
    if (roll < 0.15) order.stopLoss = { mode: "percent", value: 1 + rand() * 9 };
    else if (roll < 0.25) order.exitAfterBars = 1 + Math.floor(rand() * 30);
    else if (roll < 0.3 && order.action === "enterLong") order.action = "enterShort";
  }
  if (plan.orders.length > 1 && rand() < 0.1) plan.orders.pop();
  return plan;
}

function syntheticPlans(n: number): Plan[] {
  const bases = templates.map((t) => compile(t.graph).plan!);
  const rand = random(42);
  return Array.from({ length: n }, (_, i) => mutate(bases[i % bases.length], rand));
}

/** Eight significant digits keep the SQL short; both searches read the same stored numbers. */
function stored(vector: Float64Array): Float64Array {
  return vector.map((x) => Number(x.toPrecision(8)));
}

async function insertAll(
  query: (sql: string, params?: unknown[]) => Promise<unknown>,
  vectors: Float64Array[],
): Promise<string> {
  const author = `bench-${randomBytes(4).toString("hex")}`;
  await query(`INSERT INTO users (id, email, password_hash) VALUES ($1, $2, '!')`, [
    author,
    `${author}@bench.invalid`,
  ]);
  for (let start = 0; start < vectors.length; start += INSERT_BATCH) {
    const end = Math.min(vectors.length, start + INSERT_BATCH);
    const ids: string[] = [];
    const rows: string[] = [];
    for (let i = start; i < end; i++) {
      ids.push(`('${author}-${i}')`);
      rows.push(`('${author}-${i}', '{${vectors[i].join(",")}}')`);
    }
    await query(
      `INSERT INTO strategies (id, owner_id, name, updated_at)
       SELECT v.id, '${author}', 'bench', now() FROM (VALUES ${ids.join(",")}) AS v(id)`,
    );
    await query(
      `INSERT INTO templates (id, strategy_id, author_id, title, description, tags, market, timeframe, node_types, embedding, search_text, updated_at)
       SELECT v.id, v.id, '${author}', 'bench', '', '{}', 'stocks', '1d', '{}', v.embedding::float8[], '', now()
       FROM (VALUES ${rows.join(",")}) AS v(id, embedding)`,
    );
  }
  return author;
}

const dotProduct = (a: Float64Array, b: Float64Array) => {
  let dot = 0;
  for (let d = 0; d < EMBEDDING_DIMENSION; d++) dot += a[d] * b[d];
  return dot;
};

/** The k-th best exact score, by brute force in memory. */
function kthBestScore(vectors: Float64Array[], q: Float64Array, exclude: number): number {
  const scores = new Float64Array(vectors.length);
  for (let i = 0; i < vectors.length; i++) scores[i] = i === exclude ? -Infinity : dotProduct(vectors[i], q);
  return scores.sort().reverse()[K - 1];
}

interface SearchStats {
  p50: number;
  p99: number;
  recall: number;
}

async function measureSearch(
  db: Database,
  method: "index" | "exact",
  author: string,
  vectors: Float64Array[],
  queries: number,
): Promise<SearchStats> {
  const latencies: number[] = [];
  let found = 0;
  const rand = random(7);
  for (let q = 0; q < queries; q++) {
    const i = Math.floor(rand() * vectors.length);
    const started = process.hrtime.bigint();
    const hits = await nearestTemplates(db, vectors[i], { limit: K, excludeId: `${author}-${i}`, method });
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    // A hit is right when its exact score reaches the k-th best: among tied plans any one will do.
    const kth = kthBestScore(vectors, vectors[i], i);
    found += hits.filter(
      (h) => dotProduct(vectors[Number(h.id.slice(author.length + 1))], vectors[i]) >= kth - 1e-9,
    ).length;
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), recall: found / (queries * K) };
}

function searchRows(
  where: string,
  n: number,
  method: string,
  stats: SearchStats,
  queries: number,
): BenchRow[] {
  const label = `${where}, ${n.toLocaleString("en")} plans, ${method}, ${queries} queries`;
  return [
    {
      case: `k-NN (k=10) p50: ${label}`,
      unit: "ms",
      higherIsBetter: false,
      ours: { subject: "strata", value: stats.p50 },
      target: "≤ 3 ms",
    },
    {
      case: `k-NN (k=10) p99: ${label}`,
      unit: "ms",
      higherIsBetter: false,
      ours: { subject: "strata", value: stats.p99 },
      target: "≤ 10 ms",
    },
    {
      case: `recall@10 vs exact search: ${label}`,
      unit: "",
      higherIsBetter: true,
      ours: { subject: "strata", value: stats.recall },
      target: "≥ 0.95",
    },
  ];
}

async function pgliteRows(vectors: Float64Array[]): Promise<BenchRow[]> {
  const n = vectors.length;
  const db = await openDatabase({ dataDir: MEMORY_DATA_DIR });
  try {
    await migrate(db);
    let started = performance.now();
    const author = await db.withConnection((c) => insertAll((sql, p) => c.query(sql, p), vectors));
    const insertSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await ensureVectorIndex(db);
    const buildSeconds = (performance.now() - started) / 1000;
    const index = await measureSearch(db, "index", author, vectors, QUERIES);
    const exactQueries = Math.max(3, Math.min(QUERIES, Math.round(200_000 / n)));
    const exact = await measureSearch(db, "exact", author, vectors, exactQueries);
    return [
      {
        case: `insert ${n.toLocaleString("en")} templates (PGlite, batches of ${INSERT_BATCH})`,
        unit: "rows/s",
        higherIsBetter: true,
        ours: { subject: "strata", value: n / insertSeconds },
      },
      {
        case: `HNSW index build over ${n.toLocaleString("en")} plans (PGlite + pgvector, start-up path)`,
        unit: "s",
        higherIsBetter: false,
        ours: { subject: "strata", value: buildSeconds },
      },
      ...searchRows("PGlite", n, "HNSW index", index, QUERIES),
      ...searchRows("PGlite", n, "exact search", exact, exactQueries),
    ];
  } finally {
    await db.close();
  }
}

async function postgresRows(url: string, vectors: Float64Array[]): Promise<BenchRow[]> {
  const n = vectors.length;
  const name = `strata_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: MEMORY_DATA_DIR });
  try {
    await migrate(db);
    const author = await db.withConnection((c) => insertAll((sql, p) => c.query(sql, p), vectors));
    if (db.vector) await ensureVectorIndex(db);
    const queries = Math.max(3, Math.min(QUERIES, Math.round(200_000 / n)));
    const method = db.vector ? "index" : "exact";
    const stats = await measureSearch(db, method, author, vectors, queries);
    return searchRows(
      "PostgreSQL",
      n,
      db.vector ? "HNSW index" : "exact search (no pgvector)",
      stats,
      queries,
    );
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const benchmark: Benchmark = {
  name: "similarity",
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const largest = Math.max(...SIZES);
    let started = performance.now();
    const plans = syntheticPlans(largest);
    const generateSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const embedded = plans.map(embedPlan);
    const embedSeconds = (performance.now() - started) / 1000;
    rows.push({
      case: `embed ${largest.toLocaleString("en")} synthetic plans (WL features + hashing, dim 256; generated in ${generateSeconds.toFixed(1)} s)`,
      unit: "plans/s",
      higherIsBetter: true,
      ours: { subject: "strata", value: largest / embedSeconds },
    });
    const vectors = embedded.map(stored);
    for (const n of SIZES) rows.push(...(await pgliteRows(vectors.slice(0, n))));
    const url = process.env.TEST_DATABASE_URL;
    if (url) for (const n of SIZES) rows.push(...(await postgresRows(url, vectors.slice(0, n))));
    return rows;
  },
};

export default benchmark;
