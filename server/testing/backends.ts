import { describe, it } from "vitest";

/**
 * Real services for integration suites. PGlite always runs; PostgreSQL and Redis suites exist
 * only when TEST_DATABASE_URL / TEST_REDIS_URL are given. Under CI=true a missing one is a failing
 * test, so a green CI means those suites really executed; elsewhere they are simply not defined
 * (no skipped placeholders that guard nothing).
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const testRedisUrl = process.env.TEST_REDIS_URL;
const inCi = process.env.CI === "true";

export function describeWithService(
  name: string,
  variable: "TEST_DATABASE_URL" | "TEST_REDIS_URL",
  url: string | undefined,
  suite: (url: string) => void,
) {
  if (url) return describe(name, () => suite(url));
  if (inCi) {
    return describe(name, () => {
      it(`needs ${variable}`, () => {
        throw new Error(`${variable} is not set, and CI=true requires the ${name} suite to run.`);
      });
    });
  }
  return undefined;
}
