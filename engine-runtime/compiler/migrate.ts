import type { NodeDefinition } from "@/nodes/core/define";
import { GRAPH_VERSION, type Graph, type GraphNode, graphSchema } from "@/nodes/core/graph";
import type { Registry } from "@/nodes/core/registry";
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
export function migrateGraph(raw: unknown, registry: Registry): { graph?: Graph; diagnostics: Diagnostic[] } {
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

  const parsed = graphSchema.safeParse(record);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.slice(0, MAX_SHAPE_DIAGNOSTICS).map((issue) => {
      const where = issue.path.length > 0 ? ` at ${formatPath(issue.path)}` : "";
      return invalid(`The graph is not valid${where}: it ${explainIssue(issue, record)}.`);
    });
    return { diagnostics };
  }

  const diagnostics: Diagnostic[] = [];
  const graph = parsed.data;
  graph.nodes = graph.nodes.map((node) => {
    const found = registry.lookup(node.type);
    return found.ok ? migrateNode(node, found.definition, diagnostics) : node;
  });
  return { graph, diagnostics };
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
