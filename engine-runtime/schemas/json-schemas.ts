import { z } from "zod";
import { graphSchema } from "@/nodes/core/graph";
import { planSchema } from "../plan/schema";

/**
 * The JSON Schemas of the Graph (as saved: defaults may be left out) and of the Plan (as the
 * compiler writes it), for tools outside TypeScript. Derived from the zod schemas, never edited.
 */
export function jsonSchemas(): { "graph.schema.json": string; "plan.schema.json": string } {
  const write = (schema: z.ZodType, io: "input" | "output", title: string) => {
    const { $schema, ...rest } = z.toJSONSchema(schema, { io });
    return `${JSON.stringify({ $schema, title, ...rest }, null, 2)}\n`;
  };
  return {
    "graph.schema.json": write(graphSchema, "input", "Strata strategy graph"),
    "plan.schema.json": write(planSchema, "output", "Strata plan"),
  };
}
