import { z } from "zod";
import { catalogue } from "@/nodes/catalogue";
import type { NodeDefinition, PortSpec } from "@/nodes/core/define";
import type { CliIo } from "./main";

type ParamSchema = { type?: string; default?: unknown; description?: string; enum?: unknown[] } & Record<
  string,
  unknown
>;

/** `strata nodes [--json]`: the catalogue with ports, param types, defaults and help, from each zod schema. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const unknown = args.filter((arg) => arg !== "--json");
  if (unknown.length > 0) {
    io.err(`Unknown argument ${unknown[0]}.\nUsage: strata nodes [--json]`);
    return 2;
  }
  const entries = catalogue.definitions.map(describeNode);
  if (args.includes("--json")) {
    io.out(JSON.stringify(entries, null, 2));
    return 0;
  }
  for (const entry of entries) {
    io.out(`${entry.type}  ${entry.title}  (${entry.category}, v${entry.version})`);
    for (const port of entry.inputs)
      io.out(`  in     ${port.name}: ${port.type}${port.optional ? " (optional)" : ""}`);
    for (const port of entry.outputs) io.out(`  out    ${port.name}: ${port.type}`);
    for (const [name, schema] of Object.entries(entry.params.properties ?? {})) {
      const type = schema.enum
        ? schema.enum.map((v) => JSON.stringify(v)).join(" | ")
        : (schema.type ?? "value");
      const initial = schema.default === undefined ? "" : ` = ${JSON.stringify(schema.default)}`;
      io.out(
        `  param  ${name}: ${type}${initial}${range(schema)}${schema.description ? `  ${schema.description}` : ""}`,
      );
    }
  }
  return 0;
}

function describeNode(definition: NodeDefinition) {
  const port = ({ name, type, label, optional }: PortSpec) => ({
    name,
    type,
    label,
    optional: optional ?? false,
  });
  const params = z.toJSONSchema(definition.params, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, ParamSchema>;
  };
  delete (params as Record<string, unknown>).$schema;
  return {
    type: definition.type,
    version: definition.version,
    category: definition.category,
    title: definition.title,
    description: definition.description,
    inputs: definition.inputs.map(port),
    outputs: definition.outputs.map(port),
    params,
  };
}

function range(schema: ParamSchema): string {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  if (low === undefined && high === undefined) return "";
  return ` [${low ?? "…"}, ${high ?? "…"}]`;
}
