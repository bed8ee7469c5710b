import type { Logger } from "pino";
import type { Database } from "@/server/db/client";
import { seedTemplates } from "./seed";
import { ensureVectorIndex } from "./vector-index";

const ready = new WeakMap<Database, Promise<void>>();

/**
 * Readies the marketplace in the background, so the server starts listening at once: the vector
 * index (when pgvector is there), then the built-in templates on first start. Marketplace
 * procedures wait for it with `marketplaceReady`; the caller awaits the promise before closing
 * the database. `seed: false` (test servers) skips the templates: seeding costs seconds of CPU
 * that suites not about the marketplace should not pay; the marketplace's own tests seed.
 */
export function prepareMarketplace(db: Database, log: Logger, { seed = true } = {}): Promise<void> {
  const started = performance.now();
  const work = (async () => {
    const indexed = await ensureVectorIndex(db);
    const seeded = seed ? await seedTemplates(db) : 0;
    log.info(
      { seeded, vectorIndex: indexed, ms: Math.round(performance.now() - started) },
      seeded > 0 ? `Published ${seeded} built-in templates in the marketplace.` : "The marketplace is ready.",
    );
  })();
  const settled = work.catch((error) => {
    log.error({ err: error }, `The marketplace could not be prepared: ${(error as Error).message}`);
    throw error;
  });
  ready.set(db, settled);
  return settled.catch(() => {});
}

/** Resolves when the marketplace of this database is ready; rejects when preparing it failed. */
export function marketplaceReady(db: Database): Promise<void> {
  return ready.get(db) ?? Promise.resolve();
}
