// Prints the SQL that takes a database from prisma/migrations to prisma/schema.prisma: the
// body of the next migration. Offline stand-in for `prisma migrate dev --create-only`, whose
// native engine cannot be downloaded here. Uses Prisma's schema engine compiled to WASM, with
// an in-memory PGlite as the shadow database.
//
//   npm install --no-save @prisma/schema-engine-wasm@8.1.0-2.59be4fda12412a79eeb9c2ae727b6aa723593323
//   node --import tsx prisma/migration-diff.ts > /tmp/next.sql   # exit code 2: there is a diff
//
// Then save it as prisma/migrations/<UTC yyyymmddhhmmss>_<name>/migration.sql and drop a
// leading `CREATE SCHEMA IF NOT EXISTS "public"` if it appears (Prisma's migrate dev omits it).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const ENGINE = "@prisma/schema-engine-wasm";

interface Engine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
}

async function loadEngine(): Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } }> {
  const require = createRequire(import.meta.url);
  let wasmPath: string;
  try {
    wasmPath = path.join(path.dirname(require.resolve(ENGINE)), "schema_engine_bg.wasm");
  } catch {
    console.error(`${ENGINE} is not installed; see the comment at the top of prisma/migration-diff.ts.`);
    process.exit(1);
  }
  // Instantiate by hand: Node 20 cannot `import` a .wasm file without a flag.
  const glue = await import(`${ENGINE}/schema_engine_bg`);
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

async function main(): Promise<void> {
  const { SchemaEngine } = await loadEngine();
  const schema = readFileSync(schemaPath, "utf8");
  const shadow = new PGlite({ extensions: { vector } });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(shadow));
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
  const dirs = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  const from = {
    tag: "migrations",
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8"),
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(migrationsDir, d, "migration.sql"), "utf8") },
      },
    })),
  };
  const result = await engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  process.stdout.write(result.stdout ?? "");
  await shadow.close();
  process.exitCode = result.exitCode;
}

await main();
