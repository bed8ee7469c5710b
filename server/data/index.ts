import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Bus } from "@/server/bus/bus";
import type { Database } from "@/server/db/client";
import type { Env } from "@/server/env";
import { loadEncryptionKey } from "@/server/security/encryption-key";
import { createSecretBox } from "@/server/security/secrets";
import { DataServices } from "./service";

export { DataServices } from "./service";

/** The data services of one server: the encryption key resolved, interrupted downloads marked. */
export async function createDataServices(
  env: Env,
  db: Database,
  redis: Redis | null,
  bus: Bus,
  log: Logger,
): Promise<DataServices> {
  const { key, source, file } = await loadEncryptionKey(env);
  if (source === "file") log.info({ file }, "Secrets at rest use the key in the data folder.");
  const data = new DataServices({
    db,
    redis,
    bus,
    log,
    box: createSecretBox(key),
    dataDir: env.STRATA_DATA_DIR,
  });
  const interrupted = await data.recoverInterrupted();
  if (interrupted > 0) log.warn({ interrupted }, "Marked downloads interrupted by the last stop as failed.");
  return data;
}
