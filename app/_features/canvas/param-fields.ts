import { z } from "zod";
import { catalogue } from "@/nodes/catalogue";
import type { NodeDefinition } from "@/nodes/core/define";
import type { Graph, GraphNode } from "@/nodes/core/graph";

/**
 * The inspector's form, read from a node's zod params (the single source of truth): each field's
 * kind, range, step, default and help come from the schema, never written a second time.
 */
export type ParamField =
  | (Common & { kind: "number"; integer: boolean; min?: number; max?: number; step?: number })
  | (Common & { kind: "select"; options: string[] })
  | (Common & { kind: "switch" })
  | (Common & { kind: "text"; multiline: boolean; maxLength?: number })
  | (Common & { kind: "unsupported" });

interface Common {
  name: string;
  label: string;
  help?: string;
  defaultValue?: unknown;
}

interface JsonProperty {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  maxLength?: number;
  description?: string;
  default?: unknown;
}

const cache = new WeakMap<NodeDefinition, ParamField[]>();

export function paramFields(definition: NodeDefinition): ParamField[] {
  const cached = cache.get(definition);
  if (cached) return cached;
  let properties: Record<string, JsonProperty> = {};
  try {
    const schema = z.toJSONSchema(definition.params, { io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, JsonProperty>;
    };
    properties = schema.properties ?? {};
  } catch {
    // A schema JSON Schema cannot express leaves the node without a form, not the editor broken.
  }
  const fields = Object.entries(properties).map(([name, property]) => toField(name, property));
  cache.set(definition, fields);
  return fields;
}

function toField(name: string, property: JsonProperty): ParamField {
  const common: Common = {
    name,
    label: humanise(name),
    help: property.description,
    defaultValue: property.default,
  };
  if (Array.isArray(property.enum)) return { ...common, kind: "select", options: property.enum.map(String) };
  switch (property.type) {
    case "integer":
    case "number":
      return {
        ...common,
        kind: "number",
        integer: property.type === "integer",
        min: property.minimum ?? property.exclusiveMinimum,
        max: property.maximum ?? property.exclusiveMaximum,
        step: property.multipleOf ?? (property.type === "integer" ? 1 : undefined),
      };
    case "boolean":
      return { ...common, kind: "switch" };
    case "string":
      return {
        ...common,
        kind: "text",
        multiline: (property.maxLength ?? 0) > 200,
        maxLength: property.maxLength,
      };
    default:
      return { ...common, kind: "unsupported" };
  }
}

/** `fastPeriod` → "Fast period". */
export function humanise(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A short line of a node's main settings for its card on the canvas, e.g. "period 10". */
export function paramSummary(definition: NodeDefinition, params: Record<string, unknown>): string {
  return paramFields(definition)
    .filter((field) => field.kind === "number" || field.kind === "select" || field.kind === "text")
    .map((field) => [field, params[field.name] ?? field.defaultValue] as const)
    .filter(
      ([field, value]) => value !== "" && value !== undefined && !(field.kind === "text" && field.multiline),
    )
    .slice(0, 3)
    .map(([field, value]) =>
      field.kind === "number" ? `${field.label.toLowerCase()} ${String(value)}` : String(value),
    )
    .join(" · ");
}

/**
 * The settings a custom block node exposes, as form fields: each takes the inner node's field
 * (kind, range, help) under the block's label for it; its default is the inner node's own value.
 */
export function blockParamFields(node: GraphNode, blocks: Graph["blocks"]): ParamField[] {
  const block = typeof node.params.block === "string" ? blocks?.[node.params.block] : undefined;
  if (!block) return [];
  return block.params.flatMap((exposed) => {
    const inner = block.nodes.find((n) => n.id === exposed.node);
    const found = inner && catalogue.lookup(inner.type);
    if (!inner || !found?.ok) return [];
    const field = paramFields(found.definition).find((f) => f.name === exposed.param);
    if (!field) return [];
    return [
      {
        ...field,
        name: exposed.name,
        label: exposed.label,
        defaultValue: inner.params[exposed.param] ?? field.defaultValue,
      },
    ];
  });
}
