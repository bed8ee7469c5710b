// Generates the Prisma client into server/db/generated, offline.
// Run by `npm install` (postinstall) and `npm run db:generate`; `--force` regenerates anyway.
//
// Why a script instead of plain `prisma generate`:
// - The Prisma CLI first downloads a native schema engine, which these machines cannot reach;
//   `generate` itself never runs that engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any
//   executable (node itself) skips the download.
// - A stamp (hash of the schema and the Prisma versions) skips the ~2 s generation when
//   nothing changed, keeping `npm install` quick.
// - `npm install --omit=dev` has no Prisma CLI; that must not fail the install.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemaPath = path.join(root, "prisma/schema.prisma");
const outDir = path.join(root, "server/db/generated");
const stampPath = path.join(outDir, ".stamp");
const cliPath = path.join(root, "node_modules/prisma/build/index.js");
const duringInstall = process.env.npm_lifecycle_event === "postinstall";

function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8"));
    return String(pkg.version);
  } catch {
    return "missing";
  }
}

function stamp(): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(schemaPath));
  hash.update(`prisma@${packageVersion("prisma")} @prisma/client@${packageVersion("@prisma/client")}`);
  return hash.digest("hex");
}

function fail(message: string): never {
  // During `npm install` a failure here would abort the whole install; say what to do instead.
  if (duringInstall) {
    console.warn(`strata: ${message} Run \`npm run db:generate\` once it is fixed.`);
    process.exit(0);
  }
  console.error(`strata: ${message}`);
  process.exit(1);
}

function main(): void {
  if (!existsSync(cliPath)) {
    const ready = existsSync(path.join(outDir, "client.ts"));
    if (ready) return; // production install (--omit=dev) with a client generated earlier
    fail(
      "the Prisma CLI (devDependency `prisma`) is not installed, so the database client was not generated.",
    );
  }
  const want = stamp();
  const force = process.argv.includes("--force");
  if (!force && existsSync(path.join(outDir, "client.ts")) && existsSync(stampPath)) {
    if (readFileSync(stampPath, "utf8").trim() === want) return;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [cliPath, "generate", "--schema", schemaPath, "--no-hints"], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      PRISMA_DISABLE_WARNINGS: "1",
    },
  });
  if (result.status !== 0) {
    fail(
      `prisma generate failed:\n${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}`,
    );
  }
  writeFileSync(stampPath, `${want}\n`);
  console.log(`strata: generated the Prisma client in ${Date.now() - started} ms.`);
}

main();
