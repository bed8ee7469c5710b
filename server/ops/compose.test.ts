import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Docker cannot run on these machines, so docker-compose.yml is checked by the compose tool's own
 * parser (Debian's docker-compose package), plus the wiring this project depends on.
 */
const compose = spawnSync("docker-compose", ["version"], { encoding: "utf8" });
const available = compose.status === 0;
const required = process.env.CI === "true";

describe("docker-compose.yml", () => {
  // Defined where the compose tool exists, and always under CI=true (where its absence fails).
  if (available || required)
    it("is valid for docker-compose", () => {
      expect(available, "CI=true needs Debian's docker-compose package (.ci/run installs it)").toBe(true);
      const result = spawnSync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], {
        encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(0);
    });

  it("wires the app to PostgreSQL with pgvector and to Redis, with health checks and volumes", () => {
    const text = readFileSync("docker-compose.yml", "utf8");
    expect(text, "PostgreSQL must have pgvector").toMatch(/image: pgvector\/pgvector:/);
    expect(text).toMatch(/DATABASE_URL: postgresql:\/\/strata:strata@postgres:5432\/strata/);
    expect(text).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
    expect(text.match(/healthcheck:/g)?.length, "every service has a health check").toBe(3);
    expect(text).toMatch(/postgres-data:\/var\/lib\/postgresql\/data/);
  });
});
