import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `npm start`: builds the Next.js app when the build is missing or older than the sources,
 * then serves in production mode. The stamp is a hash of every source file's path, size and
 * modification time, so an edit anywhere the browser bundle reads triggers a rebuild.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const stampFile = join(root, ".next", "strata-build-stamp");
const SOURCES = [
  "app",
  "nodes",
  "engine-runtime",
  "public",
  // The browser imports the routers' input schemas (forms check them before sending).
  "server/api",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
];

function sourceStamp(): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (entry !== "node_modules") visit(join(path, entry));
    } else hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
  };
  for (const source of SOURCES) visit(join(root, source));
  return hash.digest("hex");
}

const stamp = sourceStamp();
const built =
  existsSync(join(root, ".next", "BUILD_ID")) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === stamp;
if (!built) {
  process.stdout.write("Building Strata (first start or changed sources; this takes about a minute)...\n");
  const build = spawnSync(
    process.execPath,
    [join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (build.status !== 0) {
    process.stderr.write("The build failed; see the messages above.\n");
    process.exit(build.status ?? 1);
  }
  writeFileSync(stampFile, stamp);
}
Object.assign(process.env, { NODE_ENV: "production" });
await import("./main");
