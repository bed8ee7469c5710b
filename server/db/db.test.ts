// The database layer against real databases: in-memory PGlite always, PostgreSQL when
// TEST_DATABASE_URL (or DATABASE_URL) is set. Each PostgreSQL run works in its own throw-away
// database (strata_test_<random>), created and dropped here, so runs never see each other.
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithService, testDatabaseUrl } from "@/server/testing/backends";
import { createScratchDatabase } from "@/server/testing/postgres";
import { type Database, MEMORY_DATA_DIR, openDatabase } from "./client";
import { expectedSchema } from "./expected-schema";
import { Prisma } from "./generated/client";
import { DEFAULT_MIGRATIONS_DIR, migrate, NO_VECTOR_MESSAGE } from "./migrate";

const SCHEMA_PATH = path.join(DEFAULT_MIGRATIONS_DIR, "..", "schema.prisma");

interface Target {
  open(log?: (msg: string) => void): Promise<Database>;
  cleanup(): Promise<void>;
}

/** A fresh database on the server of `url`; dropped by cleanup(). */
async function freshPostgres(url: string): Promise<Target> {
  const scratch = await createScratchDatabase(url);
  return {
    open: (log) => openDatabase({ databaseUrl: scratch.url, dataDir: MEMORY_DATA_DIR, log }),
    cleanup: () => scratch.drop(),
  };
}

const pglite: () => Promise<Target> = async () => ({
  open: (log) => openDatabase({ dataDir: MEMORY_DATA_DIR, log }),
  cleanup: async () => {},
});

describe("in-memory PGlite", () => databaseSuite("pglite", pglite));

describeWithService("PostgreSQL", "TEST_DATABASE_URL", testDatabaseUrl, (url) =>
  databaseSuite("postgres", () => freshPostgres(url)),
);

function databaseSuite(kind: Database["kind"], makeTarget: () => Promise<Target>) {
  let target: Target;
  let db: Database;
  const logs: string[] = [];

  beforeAll(async () => {
    target = await makeTarget();
    db = await target.open((m) => logs.push(m));
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await target?.cleanup();
  });

  it("opens the expected kind of database", () => {
    expect(db.kind).toBe(kind);
  });

  it("records migrations like Prisma, and a second migrate() is a no-op", async () => {
    const names = await migrationNames();
    const rows = await db.prisma.$queryRawUnsafe<
      { migration_name: string; checksum: string; steps: number }[]
    >(
      `SELECT migration_name, checksum, applied_steps_count AS steps FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows) {
      const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(r.steps).toBe(1);
    }
    expect((await migrate(db)).applied).toEqual([]);
  });

  it("matches schema.prisma (no drift between migrations and schema)", async () => {
    const expected = expectedSchema(await readFile(SCHEMA_PATH, "utf8"));
    const actual = await actualSchema(db);
    const drift: string[] = [];
    for (const [table, cols] of expected.tables) {
      const got = actual.tables.get(table);
      if (!got) {
        drift.push(`table ${table} is missing`);
        continue;
      }
      for (const [c, type] of cols) {
        if (!got.has(c)) drift.push(`column ${table}.${c} is missing (expected ${type})`);
        else if (got.get(c) !== type)
          drift.push(`column ${table}.${c}: schema.prisma says ${type}, database has ${got.get(c)}`);
      }
      for (const [c, type] of got)
        if (!cols.has(c)) drift.push(`column ${table}.${c} (${type}) is not in schema.prisma`);
    }
    for (const table of actual.tables.keys()) {
      if (!expected.tables.has(table)) drift.push(`table ${table} is not in schema.prisma`);
    }
    diffSets("index", expected.indexes, actual.indexes, drift);
    diffSets("foreign key", expected.foreignKeys, actual.foreignKeys, drift);
    diffSets(
      "enum",
      new Set([...expected.enums].map(([n, v]) => `${n} (${v.join(", ")})`)),
      new Set([...actual.enums].map(([n, v]) => `${n} (${v.join(", ")})`)),
      drift,
    );
    expect(drift, `database and schema.prisma differ:\n${drift.join("\n")}`).toEqual([]);

    // The parser above must read names the way Prisma does.
    const runtime = (db.prisma as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel;
    for (const [model, { table, columns }] of expected.names) {
      const m = runtime.models[model];
      expect(m, `Prisma has no model ${model}`).toBeDefined();
      expect(m.dbName ?? model, `table of ${model}`).toBe(table);
      const prismaCols = m.fields
        .filter((f) => f.kind !== "object")
        .map((f) => [f.name, f.dbName ?? f.name] as const);
      expect(new Map(prismaCols), `columns of ${model}`).toEqual(columns);
    }
  });

  it("round-trips users, strategies with versions, and backtests with exact money", async () => {
    const user = await db.prisma.user.create({
      data: { email: `ada-${kind}@example.com`, passwordHash: "h" },
    });
    const graph = {
      version: 1,
      nodes: [{ id: "n1", type: "sma", params: { period: 20 }, position: { x: 1.5, y: -2 } }],
      edges: [],
      meta: { note: "ünïcode ✓" },
    };
    const strategy = await db.prisma.strategy.create({
      data: {
        ownerId: user.id,
        name: "SMA cross",
        headVersion: 1,
        versions: { create: { number: 1, graph, createdById: user.id } },
      },
      include: { versions: true },
    });
    expect(strategy.versions[0].graph).toEqual(graph);
    expect(strategy.versions[0].plan).toBeNull();

    const backtest = await db.prisma.backtest.create({
      data: {
        strategyVersionId: strategy.versions[0].id,
        ownerId: user.id,
        parameters: { commission: 0.001 },
        dataset: "sample:BTCUSD-1h",
        initialCash: new Prisma.Decimal("10000.12345678"),
      },
    });
    expect(backtest.status).toBe("queued");
    expect(backtest.progress).toBe(0);
    const done = await db.prisma.backtest.update({
      where: { id: backtest.id },
      data: {
        status: "succeeded",
        progress: 1,
        finalEquity: "999999999999.99999999",
        finishedAt: new Date(),
      },
    });
    expect(done.status).toBe("succeeded");
    const read = await db.prisma.backtest.findUniqueOrThrow({ where: { id: backtest.id } });
    expect(read.initialCash.toFixed(8)).toBe("10000.12345678");
    expect(read.finalEquity?.toFixed(8)).toBe("999999999999.99999999");
    const sum = await db.prisma.backtest.aggregate({
      _sum: { initialCash: true },
      where: { ownerId: user.id },
    });
    expect(sum._sum.initialCash?.toFixed(8)).toBe("10000.12345678");
  });

  it("runs interactive transactions: commit, rollback, and optimistic saves", async () => {
    const user = await db.prisma.user.create({
      data: { email: `tx-${kind}@example.com`, passwordHash: "h" },
    });
    const s = await db.prisma.strategy.create({ data: { ownerId: user.id, name: "tx" } });
    const save = (basedOn: number) =>
      db.prisma.$transaction(async (tx) => {
        const bumped = await tx.strategy.updateMany({
          where: { id: s.id, headVersion: basedOn },
          data: { headVersion: basedOn + 1 },
        });
        if (bumped.count !== 1) throw new Error("stale");
        return tx.strategyVersion.create({
          data: { strategyId: s.id, number: basedOn + 1, graph: {}, createdById: user.id },
        });
      });
    expect((await save(0)).number).toBe(1);
    await expect(save(0)).rejects.toThrow("stale");
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.strategy.update({ where: { id: s.id }, data: { name: "renamed" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const after = await db.prisma.strategy.findUniqueOrThrow({
      where: { id: s.id },
      include: { versions: true },
    });
    expect(after.name).toBe("tx");
    expect(after.headVersion).toBe(1);
    expect(after.versions).toHaveLength(1);
  });

  it("enforces unique and lowercase emails", async () => {
    await db.prisma.user.create({ data: { email: `dup-${kind}@example.com`, passwordHash: "h" } });
    await expect(
      db.prisma.user.create({ data: { email: `dup-${kind}@example.com`, passwordHash: "h" } }),
    ).rejects.toMatchObject({
      code: "P2002",
    });
    await expect(
      db.prisma.user.create({ data: { email: `Upper-${kind}@example.com`, passwordHash: "h" } }),
    ).rejects.toThrow();
  });

  it("cascades deletes from strategies and users", async () => {
    const user = await db.prisma.user.create({
      data: { email: `gone-${kind}@example.com`, passwordHash: "h" },
    });
    await db.prisma.session.create({
      data: { userId: user.id, tokenHash: `t-${kind}`, expiresAt: new Date(Date.now() + 3600_000) },
    });
    const mk = (name: string) =>
      db.prisma.strategy.create({
        data: {
          ownerId: user.id,
          name,
          versions: {
            create: {
              number: 1,
              graph: {},
              createdById: user.id,
              backtests: { create: { ownerId: user.id, parameters: {}, dataset: "d", initialCash: 1 } },
            },
          },
        },
      });
    const a = await mk("a");
    await mk("b");
    await db.prisma.strategy.delete({ where: { id: a.id } });
    expect(await db.prisma.strategyVersion.count({ where: { strategyId: a.id } })).toBe(0);
    expect(await db.prisma.backtest.count({ where: { ownerId: user.id } })).toBe(1);
    await db.prisma.user.delete({ where: { id: user.id } });
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.prisma.strategy.count({ where: { ownerId: user.id } })).toBe(0);
    expect(await db.prisma.backtest.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const dir = await copyMigrations();
    try {
      const [first] = await migrationNames();
      await writeFile(path.join(dir, first, "migration.sql"), "-- edited\n", { flag: "a" });
      await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(
        `Database migration ${first} was edited after it was applied`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rolls back a failing migration completely and records nothing", async () => {
    const dir = await copyMigrations();
    try {
      await cp(path.join(dir, (await migrationNames())[0]), path.join(dir, "99999999999999_bad"), {
        recursive: true,
      });
      await writeFile(
        path.join(dir, "99999999999999_bad", "migration.sql"),
        'CREATE TABLE "half_done" ("id" TEXT);\nSELECT * FROM "no_such_table";\n',
      );
      await expect(migrate(db, { migrationsDir: dir })).rejects.toThrow(
        "Database migration 99999999999999_bad failed",
      );
      const left = await db.prisma.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half_done'
         UNION ALL SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_bad'`,
      );
      expect(left).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  if (kind === "pglite") {
    it("has pgvector", async () => {
      expect(db.vector).toBe(true);
      const [row] = await db.prisma.$queryRawUnsafe<{ d: number }[]>(
        "SELECT ('[1,2,3]'::vector <=> '[1,2,4]'::vector)::float8 AS d",
      );
      expect(row.d).toBeGreaterThan(0);
      expect(row.d).toBeLessThan(0.01);
      expect(logs).not.toContain(NO_VECTOR_MESSAGE);
    });

    // A fresh on-disk PGlite runs initdb through the file system: seconds, far more under load.
    it("persists to disk under dataDir/pglite", { timeout: 180_000 }, async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "strata-db-"));
      try {
        const first = await openDatabase({ dataDir });
        await migrate(first);
        await first.prisma.user.create({ data: { email: "kept@example.com", passwordHash: "h" } });
        await first.close();
        const again = await openDatabase({ dataDir });
        expect(again.vector).toBe(true);
        expect((await migrate(again)).applied).toEqual([]);
        expect(await again.prisma.user.count({ where: { email: "kept@example.com" } })).toBe(1);
        await again.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  } else {
    it("works without pgvector and says so once", async () => {
      // The machines' PostgreSQL 15 has no pgvector; a server that has it is fine too.
      const available = await db.prisma.$queryRawUnsafe<unknown[]>(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
      );
      if (available.length > 0) return expect(db.vector).toBe(true);
      expect(db.vector).toBe(false);
      await migrate(db);
      expect(logs.filter((m) => m === NO_VECTOR_MESSAGE)).toHaveLength(1);
    });

    it("lets only one of two concurrent processes apply migrations", async () => {
      const fresh = await freshPostgres(testDatabaseUrl!);
      const [a, b] = [await fresh.open(), await fresh.open()];
      try {
        const results = await Promise.all([migrate(a), migrate(b)]);
        const applied = results.flatMap((r) => r.applied);
        expect(applied.sort()).toEqual(await migrationNames());
        const [{ n }] = await a.prisma.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "_prisma_migrations"`,
        );
        expect(n).toBe(applied.length);
      } finally {
        await a.close();
        await b.close();
        await fresh.cleanup();
      }
    });
  }
}

describe("openDatabase with an unreachable DATABASE_URL", () => {
  it("fails with one sentence naming the variable, the address and the fix, never the password", async () => {
    const err = await openDatabase({
      databaseUrl: "postgresql://postgres:s3cret@127.0.0.1:1/x",
      dataDir: MEMORY_DATA_DIR,
    }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toBe(
      "Strata could not reach the PostgreSQL server at 127.0.0.1:1 given by DATABASE_URL (connection refused). Start PostgreSQL there, or unset DATABASE_URL to use the embedded database.",
    );
    expect(err?.message).not.toContain("s3cret");
  });

  it("rejects a URL that is not PostgreSQL without echoing it", async () => {
    await expect(
      openDatabase({ databaseUrl: "mysql://u:s3cret@h/x", dataDir: MEMORY_DATA_DIR }),
    ).rejects.toThrow(/^DATABASE_URL must start with postgresql:\/\/ \(it starts with mysql:\/\/\)/);
  });
});

interface RuntimeDataModel {
  models: Record<
    string,
    { dbName: string | null; fields: { name: string; kind: string; dbName?: string }[] }
  >;
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function copyMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "strata-migrations-"));
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function diffSets(what: string, expected: Set<string>, actual: Set<string>, drift: string[]) {
  for (const e of expected) if (!actual.has(e)) drift.push(`${what} missing from the database: ${e}`);
  for (const a of actual) if (!expected.has(a)) drift.push(`${what} not in schema.prisma: ${a}`);
}

/** Element types of array columns, by PostgreSQL's internal array type name. */
const ARRAY_ELEMENTS: Record<string, string> = {
  _text: "text",
  _float8: "double precision",
  _int4: "integer",
};

/** The same descriptions expected-schema.ts builds, read from the database's catalogs. */
async function actualSchema(db: Database) {
  return db.withConnection(async (c) => {
    const cols = await c.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
      character_maximum_length: number | null;
      numeric_precision: number | null;
      numeric_scale: number | null;
      datetime_precision: number | null;
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length,
              numeric_precision, numeric_scale, datetime_precision
       FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
       ORDER BY table_name, ordinal_position`,
    );
    const enumRows = await c.query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_enum e
       JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder`,
    );
    const enums = new Map<string, string[]>();
    for (const r of enumRows) enums.set(r.name, [...(enums.get(r.name) ?? []), r.value]);

    const tables = new Map<string, Map<string, string>>();
    for (const r of cols) {
      let type = r.data_type;
      if (type === "ARRAY") type = `${ARRAY_ELEMENTS[r.udt_name] ?? r.udt_name}[]`;
      else if (type === "USER-DEFINED")
        type = enums.has(r.udt_name) ? `enum ${r.udt_name}` : `USER-DEFINED ${r.udt_name}`;
      else if (type === "numeric")
        type =
          r.numeric_precision === null ? "numeric" : `numeric(${r.numeric_precision},${r.numeric_scale})`;
      else if (type === "character varying") type = `character varying(${r.character_maximum_length})`;
      else if (type.startsWith("timestamp")) type = `${type}(${r.datetime_precision})`;
      if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
      tables
        .get(r.table_name)!
        .set(r.column_name, `${type} ${r.is_nullable === "YES" ? "NULL" : "NOT NULL"}`);
    }

    const indexRows = await c.query<{ tbl: string; idx: string; uniq: boolean; prim: boolean; cols: string }>(
      `SELECT t.relname AS tbl, i.relname AS idx, ix.indisunique AS uniq, ix.indisprimary AS prim,
              string_agg(a.attname, ', ' ORDER BY k.ord) AS cols
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'
       GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`,
    );
    const indexes = new Set(
      indexRows.map(
        (r) => `${r.prim ? "PRIMARY" : r.uniq ? "UNIQUE" : "INDEX"} ${r.idx} ON ${r.tbl} (${r.cols})`,
      ),
    );

    const fkRows = await c.query<{
      name: string;
      tbl: string;
      cols: string;
      ref: string;
      refcols: string;
      del: string;
      upd: string;
    }>(
      `SELECT con.conname AS name, t.relname AS tbl, r.relname AS ref,
              (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS cols,
              (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS refcols,
              con.confdeltype AS del, con.confupdtype AS upd
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE con.contype = 'f' AND n.nspname = current_schema()`,
    );
    const action: Record<string, string> = {
      a: "NO ACTION",
      r: "RESTRICT",
      c: "CASCADE",
      n: "SET NULL",
      d: "SET DEFAULT",
    };
    const foreignKeys = new Set(
      fkRows.map(
        (r) =>
          `${r.name} ON ${r.tbl} (${r.cols}) REFERENCES ${r.ref} (${r.refcols}) ON DELETE ${action[r.del]} ON UPDATE ${action[r.upd]}`,
      ),
    );
    return { tables, indexes, foreignKeys, enums };
  });
}
