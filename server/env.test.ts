import { describe, expect, it } from "vitest";
import { describeAddress, parseEnv } from "@/server/env";

describe("configuration", () => {
  it("runs on embedded defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.PORT, "the documented default port").toBe(3000);
    expect(env.DATABASE_URL, "no database URL means PGlite").toBeUndefined();
    expect(env.REDIS_URL, "no Redis URL means the in-process bus").toBeUndefined();
    expect(env.STRATA_DATA_DIR.endsWith(".data"), "data lives under .data by default").toBe(true);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT, "an empty PORT falls back to the default").toBe(
      3000,
    );
  });

  it("names the variable at fault", () => {
    expect(() => parseEnv({ PORT: "eighty" }), "a non-numeric port").toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" }), "a non-PostgreSQL URL").toThrow(
      /DATABASE_URL must start with postgresql:\/\//,
    );
    expect(() => parseEnv({ REDIS_URL: "http://x" }), "a non-Redis URL").toThrow(/REDIS_URL/);
  });

  it("runs sessions outside the web process only where runner processes can share Redis and PostgreSQL", () => {
    expect(parseEnv({}).STRATA_SESSION_RUNNERS, "the web process runs sessions by default").toBe("web");
    expect(
      () => parseEnv({ STRATA_SESSION_RUNNERS: "external", REDIS_URL: "redis://127.0.0.1" }),
      "runners cannot share the embedded database",
    ).toThrow(
      /^Strata's configuration is invalid: STRATA_SESSION_RUNNERS is external, which needs REDIS_URL and DATABASE_URL/,
    );
    const shared = parseEnv({
      STRATA_SESSION_RUNNERS: "external",
      REDIS_URL: "redis://127.0.0.1",
      DATABASE_URL: "postgresql://127.0.0.1/strata",
    });
    expect(shared.STRATA_SESSION_RUNNERS, "with both configured, runners are external").toBe("external");
  });

  it("prints addresses without credentials", () => {
    expect(
      describeAddress("postgresql://user:secret@db.example:6543/x"),
      "password must never be printed",
    ).toBe("db.example:6543");
    expect(describeAddress("redis://:pw@127.0.0.1"), "Redis default port").toBe("127.0.0.1:6379");
  });
});
