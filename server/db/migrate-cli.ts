// `npm run db:migrate`: applies pending migrations to the configured database and exits.
// Same configuration as the app (server/env.ts): DATABASE_URL, else PGlite in STRATA_DATA_DIR.
import { parseEnv } from "../env";
import { openDatabase } from "./client";
import { migrate } from "./migrate";

async function main(): Promise<void> {
  const env = parseEnv();
  const log = (msg: string) => console.log(msg);
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATA_DATA_DIR, log });
  try {
    const { applied } = await migrate(db);
    const where = db.kind === "postgres" ? "PostgreSQL" : `The embedded database in ${env.STRATA_DATA_DIR}`;
    log(`${where} is up to date${applied.length ? ` (${applied.length} migration(s) applied)` : ""}.`);
  } finally {
    await db.close();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
