// Applies prisma/migrations/*/migration.sql ourselves: Prisma's migrate engine is a native
// binary these machines cannot download. The bookkeeping table is Prisma's own
// `_prisma_migrations` (same columns, same sha256 checksums, same advisory lock key), so a
// database migrated here is accepted by `prisma migrate deploy`/`status` elsewhere, and back.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlConnection } from "./client";

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));

/** The key Prisma's schema engine locks with, so we also serialise against `prisma migrate`. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

export const NO_VECTOR_MESSAGE =
  "pgvector is not installed on this PostgreSQL; similarity search will use exact search.";

export interface MigrateOptions {
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Names of the migrations this call applied, in order (empty when up to date). */
  applied: string[];
  vector: boolean;
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const warnedNoVector = new WeakSet<Database>();

export async function migrate(db: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const dir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const files = await readMigrations(dir);
  const applied = await db.withConnection(async (conn) => {
    // Two app instances starting against one PostgreSQL: the second waits here, then finds
    // nothing left to do. (PGlite is single-process; its data directory is not shared.)
    if (db.kind === "postgres") await conn.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      return await applyPending(conn, files, dir, db.log);
    } finally {
      if (db.kind === "postgres")
        await conn.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  });
  for (const name of applied) db.log(`Applied database migration ${name}.`);
  db.vector = await ensureVector(db);
  return { applied, vector: db.vector };
}

async function applyPending(
  conn: SqlConnection,
  files: MigrationFile[],
  dir: string,
  log: (msg: string) => void,
): Promise<string[]> {
  await conn.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await conn.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  const done = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new Error(
        `Database migration ${row.migration_name} was started but never finished (see _prisma_migrations); repair the database by hand, then run \`prisma migrate resolve\` before starting Strata again.`,
      );
    }
    done.set(row.migration_name, row);
  }
  const known = new Set(files.map((f) => f.name));
  for (const name of done.keys()) {
    if (!known.has(name))
      log(`Database has migration ${name}, which ${dir} does not: was it made by a newer Strata?`);
  }
  const applied: string[] = [];
  for (const file of files) {
    const row = done.get(file.name);
    if (row) {
      if (!checksumMatches(file, row.checksum)) {
        throw new Error(
          `Database migration ${file.name} was edited after it was applied (its checksum differs from the one recorded in _prisma_migrations); restore ${path.join(dir, file.name, "migration.sql")} and put the change in a new migration.`,
        );
      }
      continue;
    }
    await conn.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
        [randomUUID(), file.checksum, file.name],
      );
      try {
        await tx.exec(file.sql);
      } catch (err) {
        throw new Error(`Database migration ${file.name} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE migration_name = $1 AND finished_at IS NULL`,
        [file.name],
      );
    });
    applied.push(file.name);
  }
  return applied;
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8").catch(() => null);
    if (sql === null) continue; // Prisma ignores folders without a migration.sql too.
    files.push({ name, sql, checksum: sha256(sql) });
  }
  return files;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Like Prisma, accept a file whose only change is CRLF vs LF line endings (a Windows checkout). */
function checksumMatches(file: MigrationFile, recorded: string): boolean {
  return (
    recorded === file.checksum ||
    recorded === sha256(file.sql.replace(/\r\n/g, "\n")) ||
    recorded === sha256(file.sql.replace(/\r?\n/g, "\r\n"))
  );
}

/** pgvector is optional: used when present, else the app falls back to exact search. */
async function ensureVector(db: Database): Promise<boolean> {
  return db.withConnection(async (conn) => {
    try {
      await conn.exec("CREATE EXTENSION IF NOT EXISTS vector");
      return true;
    } catch (err) {
      if (!warnedNoVector.has(db)) {
        warnedNoVector.add(db);
        const available = await conn.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
        db.log(
          available.length === 0
            ? NO_VECTOR_MESSAGE
            : `pgvector is installed on this PostgreSQL but could not be enabled (${(err as Error).message}); run CREATE EXTENSION vector as its owner. Similarity search will use exact search.`,
        );
      }
      return false;
    }
  });
}
