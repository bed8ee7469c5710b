import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { MEMORY_DATA_DIR } from "@/server/db/client";
import type { Env } from "@/server/env";

export const KEY_FILE = "encryption.key";

/**
 * The key that encrypts secrets at rest: STRATA_ENCRYPTION_KEY when set; otherwise a random key
 * kept in the data folder (created on first start, readable by the owner only), or in memory
 * when the data folder is "memory://" (tests).
 */
export async function loadEncryptionKey(
  env: Pick<Env, "STRATA_ENCRYPTION_KEY" | "STRATA_DATA_DIR">,
): Promise<{ key: Buffer; source: "environment" | "file" | "memory"; file?: string }> {
  if (env.STRATA_ENCRYPTION_KEY) {
    return { key: Buffer.from(env.STRATA_ENCRYPTION_KEY, "base64"), source: "environment" };
  }
  if (env.STRATA_DATA_DIR === MEMORY_DATA_DIR) return { key: randomBytes(32), source: "memory" };
  const file = path.join(env.STRATA_DATA_DIR, KEY_FILE);
  await mkdir(env.STRATA_DATA_DIR, { recursive: true });
  try {
    // "wx": two processes starting together cannot both create it; the loser reads the winner's key.
    await writeFile(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  if (key.length !== 32) {
    throw new Error(
      `${file} does not hold a 32-byte base64 key; restore it from a backup or set STRATA_ENCRYPTION_KEY.`,
    );
  }
  return { key, source: "file", file };
}
