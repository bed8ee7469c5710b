import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "./json-schemas";

describe("committed JSON Schemas", () => {
  it.each(Object.entries(jsonSchemas()))("%s matches the zod schema it comes from", (name, expected) => {
    const committed = readFileSync(new URL(name, import.meta.url), "utf8");
    expect(committed, `${name} is stale: run node --import tsx engine-runtime/schemas/write.ts`).toBe(
      expected,
    );
  });
});
