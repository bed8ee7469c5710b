/**
 * Writes graph.schema.json and plan.schema.json beside this file:
 * `node --import tsx engine-runtime/schemas/write.ts`. A test fails when they are stale.
 */
import { writeFileSync } from "node:fs";
import { jsonSchemas } from "./json-schemas";

for (const [name, text] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(name, import.meta.url), text);
  process.stdout.write(`wrote engine-runtime/schemas/${name}\n`);
}
