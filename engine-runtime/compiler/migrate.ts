import type { NodeDefinition } from "@/nodes/core/define";
import { GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode, graphSchema } from "@/nodes/core/graph";
import type { Registry } from "@/nodes/core/registry";
import { type TypeLookup, typeTable } from "./definitions";
import { type Diagnostic, explainIssue, formatPath, nodeName } from "./diagnostics";

/**
 * graphMigrations[v] turns a graph of version v into version v + 1. Version 1 is the first, so the
 * table is empty; a change to the graph format adds an entry here and bumps GRAPH_VERSION.
 */
const graphMigrations: Readonly<Record<number, (graph: Record<string, unknown>) => Record<string, unknown>>> =
  {};

const MAX_SHAPE_DIAGNOSTICS = 10;

/**
 * Brings a saved graph up to the current format: older graph versions and older node
 * typeVersions are migrated forward, never rejected. Anything that is not a graph at all gets
 * diagnostics naming the path at fault.
 */
export function migrateGraph(
  raw: unknown,
  registry: Registry,
  options: { shared?: boolean } = {},
): { graph?: Graph; diagnostics: Diagnostic[]; types?: TypeLookup[] } {
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch (error) {
      return { diagnostics: [invalid(`The graph is not valid JSON: ${(error as Error).message}.`)] };
    }
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { diagnostics: [invalid("The graph must be a JSON object with version, nodes and edges.")] };
  }
  let record = raw as Record<string, unknown>;
  let version = record.version;
  if (typeof version === "number" && Number.isInteger(version) && version > GRAPH_VERSION) {
    const message = `This graph was saved by a newer Strata (graph version ${version}); this one reads versions up to ${GRAPH_VERSION}. Update Strata to open it.`;
    return { diagnostics: [{ severity: "error", code: "unsupported-version", message }] };
  }
  while (typeof version === "number" && graphMigrations[version]) {
    record = graphMigrations[version](record);
    version = record.version;
  }

  const quick = options.shared ? readPlainGraph(record) : undefined;
  const parsed = quick ? { success: true as const, data: quick } : graphSchema.safeParse(record);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.slice(0, MAX_SHAPE_DIAGNOSTICS).map((issue) => {
      const where = issue.path.length > 0 ? ` at ${formatPath(issue.path)}` : "";
      return invalid(`The graph is not valid${where}: it ${explainIssue(issue, record)}.`);
    });
    return { diagnostics };
  }

  const diagnostics: Diagnostic[] = [];
  const graph = parsed.data;
  // graph.nodes is an array of our own (made by readPlainGraph or zod): migrated nodes replace theirs in it.
  const lookupType = typeTable(registry);
  const { nodes } = graph;
  // The types found, per node, so the compiler need not look them up again.
  const types: TypeLookup[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const found = lookupType(nodes[i].type);
    types[i] = found;
    if (found.ok) nodes[i] = migrateNode(nodes[i], found.type.definition, diagnostics);
  }
  return { graph, diagnostics, types };
}

const blocksSchema = graphSchema.shape.blocks;

/**
 * graphSchema's verdict and output for the graphs the canvas saves, without zod's cost on
 * 10,000 nodes: plain objects with the fields the schema asks for. Anything less plain (a missing
 * field but a defaulted one aside, a class instance) returns undefined, and zod then decides and
 * words the diagnostics, so this accepts only what zod accepts (but params' symbol keys, see
 * isPlainRecord). The graph shares the caller's node, edge and params objects (zod copies them):
 * the compiler never changes them, and unknown keys it would have stripped are never read.
 */
function readPlainGraph(record: Record<string, unknown>): Graph | undefined {
  const { version, nodes, edges, blocks, meta } = record;
  if (version !== GRAPH_VERSION || !Array.isArray(nodes) || !Array.isArray(edges)) return undefined;
  if (nodes.length > 20_000 || edges.length > 50_000) return undefined;
  if (meta !== undefined && !isPlainMeta(meta)) return undefined;
  let readBlocks: Graph["blocks"] = {};
  if (blocks !== undefined) {
    if (!isPlain(blocks)) return undefined;
    for (const _ in blocks) {
      const parsed = blocksSchema.safeParse(blocks);
      if (!parsed.success) return undefined;
      readBlocks = parsed.data;
      break;
    }
  }
  const readNodes: GraphNode[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = readNode(nodes[i]);
    if (!node) return undefined;
    readNodes[i] = node;
  }
  for (let i = 0; i < edges.length; i++) if (!isPlainEdge(edges[i])) return undefined;
  return {
    version: GRAPH_VERSION,
    nodes: readNodes,
    edges: edges as GraphEdge[],
    blocks: readBlocks,
    meta: (meta ?? {}) as Graph["meta"],
  };
}

function readNode(value: unknown): GraphNode | undefined {
  if (!isPlain(value)) return undefined;
  const node = value as Record<string, unknown>;
  const { id, type, typeVersion, params, position, label } = node;
  if (!isText(id, 1, 100) || !isText(type, 1, 100)) return undefined;
  if (typeVersion !== undefined && !(Number.isSafeInteger(typeVersion) && (typeVersion as number) > 0))
    return undefined;
  if (params !== undefined && !isPlainRecord(params)) return undefined;
  if (position !== undefined) {
    if (!isPlain(position)) return undefined;
    const { x, y } = position as Record<string, unknown>;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
  }
  if (label !== undefined && !isText(label, 0, 200)) return undefined;
  if (typeVersion === undefined || params === undefined || position === undefined) {
    return {
      ...(node as GraphNode),
      typeVersion: (typeVersion ?? 1) as number,
      params: (params ?? {}) as Record<string, unknown>,
      position: (position ?? { x: 0, y: 0 }) as GraphNode["position"],
    };
  }
  return node as GraphNode;
}

function isPlainEdge(value: unknown): boolean {
  if (!isPlain(value)) return false;
  const edge = value as Record<string, unknown>;
  return (
    isText(edge.id, 1, 200) &&
    isText(edge.source, 1, Number.POSITIVE_INFINITY) &&
    isText(edge.sourceHandle, 1, Number.POSITIVE_INFINITY) &&
    isText(edge.target, 1, Number.POSITIVE_INFINITY) &&
    isText(edge.targetHandle, 1, Number.POSITIVE_INFINITY)
  );
}

function isPlainMeta(value: unknown): boolean {
  if (!isPlain(value)) return false;
  const { name, description } = value as Record<string, unknown>;
  return (
    (name === undefined || isText(name, 0, 200)) &&
    (description === undefined || isText(description, 0, 20_000))
  );
}

function isText(value: unknown, min: number, max: number): boolean {
  return typeof value === "string" && value.length >= min && value.length <= max;
}

/** An object literal or JSON.parse result: what zod's object and record schemas take without doubt. */
function isPlain(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A params record zod would copy key for key: no own __proto__ (zod drops it). Symbol keys, which
 * zod refuses, are not looked for: no JSON carries them, and the compiler reads only the keys of
 * a node's schema, so one on an object built in memory is ignored, as an unknown key is.
 */
function isPlainRecord(value: unknown): boolean {
  return isPlain(value) && !Object.hasOwn(value as object, "__proto__");
}

/** Brings one node's params up to its definition's version through the definition's migrations. */
export function migrateNode(
  node: GraphNode,
  definition: NodeDefinition,
  diagnostics: Diagnostic[],
): GraphNode {
  if (node.typeVersion === definition.version) return node;
  const name = nodeName(node.id, definition);
  if (node.typeVersion > definition.version) {
    diagnostics.push({
      severity: "error",
      code: "unsupported-version",
      nodeId: node.id,
      message: `${name} was saved by a newer Strata (version ${node.typeVersion}); this one knows versions up to ${definition.version}. Update Strata to open it.`,
    });
    return node;
  }
  let params = node.params;
  for (let version = node.typeVersion; version < definition.version; version++) {
    const step = definition.migrations?.[version];
    if (!step) continue; // the version changed meaning without changing params
    try {
      params = step(params);
    } catch (error) {
      diagnostics.push({
        severity: "error",
        code: "migration-failed",
        nodeId: node.id,
        message: `${name}: its settings from version ${version} could not be brought up to date (${(error as Error).message}). Check its params in the inspector.`,
      });
      return node;
    }
  }
  return { ...node, typeVersion: definition.version, params };
}

function invalid(message: string): Diagnostic {
  return { severity: "error", code: "invalid-graph", message };
}
