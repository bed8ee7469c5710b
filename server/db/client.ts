// Opens Strata's database: embedded PGlite (with pgvector) by default, PostgreSQL through `pg`
// when a URL is configured. Configuration is passed in (server/env.ts reads the environment);
// this module never reads process.env, so tests can open any number of databases side by side.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import { vector as pgvector } from "@electric-sql/pglite-pgvector";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";

/** `dataDir` value that keeps the embedded database in memory (tests, throw-away previews). */
export const MEMORY_DATA_DIR = "memory://";

export interface DatabaseConfig {
  /** PostgreSQL URL (DATABASE_URL). Absent: embedded PGlite under `${dataDir}/pglite`. */
  databaseUrl?: string;
  /** Strata's data folder (STRATA_DATA_DIR), or MEMORY_DATA_DIR. */
  dataDir: string;
  log?: (msg: string) => void;
  /** How long to wait for PostgreSQL to accept a connection before giving up. Default 5000. */
  connectTimeoutMs?: number;
}

/** One connection's worth of raw SQL, for migrations and tools (app code uses `prisma`). */
export interface SqlConnection {
  /** Runs a script of one or more statements (simple protocol, no parameters). */
  exec(sql: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** BEGIN ... COMMIT around fn; ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Omit<SqlConnection, "transaction">) => Promise<T>): Promise<T>;
}

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** pgvector is installed in this database (set at open, updated by migrate()). */
  vector: boolean;
  /** Runs fn on one dedicated connection (a pooled client on PostgreSQL). */
  withConnection<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  log: (msg: string) => void;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const log = config.log ?? (() => {});
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config, log)
    : await openPglite(config, log);
  db.vector = await db.withConnection(async (c) => {
    const rows = await c.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
    return rows.length > 0;
  });
  return db;
}

async function openPglite(config: DatabaseConfig, log: (msg: string) => void): Promise<Database> {
  let dataDir: string | undefined;
  if (config.dataDir !== MEMORY_DATA_DIR) {
    dataDir = path.join(config.dataDir, "pglite");
    await mkdir(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(dataDir, { extensions: { vector: pgvector } });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const conn: SqlConnection = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query(sql, params)).rows as never[],
    // PGlite's own transaction() holds its single connection exclusively, so Prisma's queries
    // queue behind it instead of landing inside our BEGIN ... COMMIT.
    transaction: (fn) => pglite.transaction((tx) => fn(pgliteTx(tx))),
  };
  return {
    prisma,
    kind: "pglite",
    vector: false,
    withConnection: (fn) => fn(conn),
    log,
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function pgliteTx(tx: PGliteTransaction): Omit<SqlConnection, "transaction"> {
  return {
    exec: async (sql) => void (await tx.exec(sql)),
    query: async (sql, params) => (await tx.query(sql, params)).rows as never[],
  };
}

async function openPostgres(
  url: string,
  config: DatabaseConfig,
  log: (msg: string) => void,
): Promise<Database> {
  const target = describeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 5000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", (err) => log(`PostgreSQL connection error: ${err.message}`));
  try {
    await pool.query("SELECT 1");
  } catch (err) {
    await pool.end().catch(() => {});
    throw connectError(err, target);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
    vector: false,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(pgConnection(client));
      } finally {
        client.release();
      }
    },
    log,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function pgConnection(client: pg.PoolClient): SqlConnection {
  const plain: Omit<SqlConnection, "transaction"> = {
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql, params) => (await client.query(sql, params)).rows,
  };
  return {
    ...plain,
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        const result = await fn(plain);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      }
    },
  };
}

interface UrlTarget {
  address: string;
  user: string;
  database: string;
}

/** host:port, user and database of a URL; never the password. */
function describeUrl(url: string): UrlTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      "DATABASE_URL is not a valid URL; write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE, or unset it to use the embedded database.",
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(
      `DATABASE_URL must start with postgresql:// (it starts with ${parsed.protocol}//); fix it, or unset it to use the embedded database.`,
    );
  }
  return {
    address: `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`,
    user: decodeURIComponent(parsed.username) || "(default user)",
    database: decodeURIComponent(parsed.pathname.slice(1)) || "(default database)",
  };
}

/** Turns a failed first connection into one sentence: what, where (no password), and the fix. */
function connectError(err: unknown, t: UrlTarget): Error {
  const e = err as { code?: string; message?: string };
  const at = `the PostgreSQL server at ${t.address} given by DATABASE_URL`;
  const embedded = "or unset DATABASE_URL to use the embedded database.";
  switch (e.code) {
    case "28P01":
    case "28000":
      return new Error(
        `Strata could not log in to ${at} as user "${t.user}" (authentication failed). Fix the user name and password in DATABASE_URL, ${embedded}`,
      );
    case "3D000":
      return new Error(
        `Strata reached ${at} but the database "${t.database}" does not exist. Create it (createdb ${t.database}), ${embedded}`,
      );
  }
  const reason =
    e.code === "ECONNREFUSED"
      ? "connection refused"
      : e.code === "ENOTFOUND" || e.code === "EAI_AGAIN"
        ? "host not found"
        : /timeout/i.test(e.message ?? "")
          ? "timed out"
          : (e.code ?? e.message ?? "unknown error");
  return new Error(`Strata could not reach ${at} (${reason}). Start PostgreSQL there, ${embedded}`);
}
