import type { ExpandContext, Expansion, NodeDefinition } from "@/nodes/core/define";
import type { CustomBlock, GraphEdge, GraphNode } from "@/nodes/core/graph";
import type { Registry } from "@/nodes/core/registry";
import { arrayOf } from "./arrays";
import { type NodeType, type TypeLookup, typeTable } from "./definitions";
import { type Diagnostic, explainIssue, nodeName } from "./diagnostics";
import { migrateNode } from "./migrate";
import {
  endParamsWalk,
  keepParams,
  type ParsedParams,
  quickParse,
  recallParams,
  rememberedParse,
  startParamsWalk,
  UNSEEN,
} from "./params";
import { StringTable } from "./strings";

/** Deeper nesting than this means a custom block contains itself, directly or through others. */
export const MAX_EXPANSION_DEPTH = 8;

/**
 * The kernel and order nodes of the flat graph, one array per field: a 10,000-node graph would
 * otherwise make 10,000 objects on every compile. Node `i` is entry `i` of each.
 */
export class FlatNodes {
  count = 0;
  readonly ids: string[];
  /** Order nodes' params as saved (before their schema): what an order requires depends on them. */
  readonly savedOrderParams = new Map<number, Record<string, unknown>>();
  /** Its label, read with the rest of the node: the plots need it when the node is long out of the cache. */
  readonly labels: (string | undefined)[];
  readonly types: NodeType[];
  /**
   * Params after the node's schema (defaults filled); undefined when they are invalid. This
   * compile's own object, never a remembered parse: a plan step keeps it.
   */
  readonly params: (Record<string, unknown> | undefined)[];
  /** The remembered parse behind `params`, when there is one. */
  readonly memos: (ParsedParams | undefined)[];
  /*
   * What earlier compiles worked out from the remembered parse (see ParsedParams), copied here
   * while the parse is at hand: the lowering and the plots read them for every node, and
   * 10,000 parses scattered over memory would cost a trip to memory each.
   */
  readonly headJson: (string | undefined)[];
  headLaneA: Int32Array;
  headLaneB: Int32Array;
  readonly titles: (string | undefined)[];
  titleUnused: Int32Array;

  /** `expected`: about how many nodes there will be. */
  constructor(expected: number) {
    this.ids = arrayOf(expected);
    this.labels = arrayOf(expected);
    this.types = arrayOf(expected);
    this.params = arrayOf(expected);
    this.memos = arrayOf(expected);
    this.headJson = arrayOf(expected);
    this.titles = arrayOf(expected);
    this.headLaneA = new Int32Array(expected);
    this.headLaneB = new Int32Array(expected);
    this.titleUnused = new Int32Array(expected);
  }

  add(
    id: string,
    node: GraphNode,
    type: NodeType,
    params: Record<string, unknown> | undefined,
    memo: ParsedParams | undefined,
  ): void {
    const i = this.count++;
    this.ids[i] = id;
    if (type.definition.order) this.savedOrderParams.set(i, node.params);
    this.labels[i] = node.label;
    this.types[i] = type;
    this.params[i] = params;
    this.memos[i] = memo;
    this.headJson[i] = memo?.json;
    this.titles[i] = memo?.title;
    if (!memo) return;
    if (i >= this.headLaneA.length) {
      this.headLaneA = longer(this.headLaneA);
      this.headLaneB = longer(this.headLaneB);
      this.titleUnused = longer(this.titleUnused);
    }
    this.headLaneA[i] = memo.headLaneA;
    this.headLaneB[i] = memo.headLaneB;
    this.titleUnused[i] = memo.titleUnused;
  }

  /** Cuts the arrays to the nodes added. */
  finish(): void {
    const lists = [this.ids, this.labels, this.types, this.params, this.memos, this.headJson, this.titles];
    for (const list of lists) list.length = this.count;
  }
}

/** A copy of `array` twice as long (at least 16). */
function longer(array: Int32Array): Int32Array {
  const copy = new Int32Array(Math.max(16, 2 * array.length));
  copy.set(array);
  return copy;
}

/** The graph with every macro node replaced by its inner graph: only kernel and order nodes remain. */
export interface FlatGraph {
  nodes: FlatNodes;
  /** Each node's place in `nodes`, by id (ids in `nodes` are unique). */
  index: NodeIndex;
  edges: readonly GraphEdge[];
  /**
   * When no macro was expanded, the numbers (NodeIndex.find) of each edge's source and target,
   * two per edge, -1 when no node has that id: so wiring need not look the ids up again.
   */
  edgeEnds?: ArrayLike<number>;
  /** An inner input port fed through a macro's input: a missing value there is reported on the macro. */
  aliases: Map<string, { nodeId: string; port: string; definition: NodeDefinition }>;
}

/** A node that exists but is left out (unknown type, invalid macro, unconnected): edges to it are not dangling. */
export const LEFT_OUT = -1;
/** An id numbered ahead of its node, which has not been read yet. */
const UNREAD = -2;

/**
 * Every node id met, numbered, with its node's place in FlatGraph.nodes or LEFT_OUT: one table
 * answers whether an id was seen, where its node went and whether it was left out, as a
 * 10,000-node graph pays for every map it fills.
 */
export class NodeIndex {
  readonly #numbers: StringTable;
  #places: Int32Array;

  /** `expected`: about how many ids there will be. */
  constructor(expected: number) {
    this.#numbers = new StringTable(expected);
    this.#places = new Int32Array(Math.max(16, expected));
  }

  /** The id's number, numbering it (as not read yet) when it is new. */
  number(id: string): number {
    const count = this.#numbers.size;
    const number = this.#numbers.add(id);
    if (number === count) {
      if (number === this.#places.length) {
        const places = new Int32Array(2 * number);
        places.set(this.#places);
        this.#places = places;
      }
      this.#places[number] = UNREAD;
    }
    return number;
  }

  /** The id's number, or undefined when no node has it. */
  find(id: string): number | undefined {
    const number = this.#numbers.find(id);
    return number < 0 ? undefined : number;
  }

  /** Whether the node numbered so has been read: a second node with its id is a duplicate. */
  read(number: number): boolean {
    return this.#places[number] !== UNREAD;
  }

  place(number: number, place: number): void {
    this.#places[number] = place;
  }

  /** The node's place in FlatGraph.nodes, LEFT_OUT, or undefined when no node has this id. */
  get(id: string): number | undefined {
    return this.placeOf(this.#numbers.find(id));
  }

  /** get() by the id's number; -1 for no id. */
  placeOf(number: number): number | undefined {
    const place = number < 0 ? UNREAD : this.#places[number];
    return place === UNREAD ? undefined : place;
  }
}

interface Macro {
  definition: NodeDefinition;
  expansion: Expansion;
}

/**
 * Resolves node types, migrates and checks params, and inlines macro nodes (formulas, custom
 * blocks) recursively, prefixing inner ids with `<macroId>/`. Edges touching a macro are rewired
 * to the inner ports the macro names.
 */
export function flatten(
  topNodes: readonly GraphNode[],
  topEdges: readonly GraphEdge[],
  blocks: Readonly<Record<string, CustomBlock>>,
  registry: Registry,
  diagnostics: Diagnostic[],
  /** What migrateGraph found of each top-level node's type, when it has looked them up. */
  topTypes?: readonly TypeLookup[],
): FlatGraph {
  const lookupType = typeTable(registry);
  const index = new NodeIndex(topNodes.length);
  const flat: FlatGraph = { nodes: new FlatNodes(topNodes.length), index, edges: [], aliases: new Map() };
  const macros = new Map<string, Macro>();
  const edgeIds = new StringTable(topEdges.length);
  const rawEdges: GraphEdge[] = [];

  // Top-level ids are numbered first, so the edges can mark which are connected; their ends'
  // numbers are kept for wiring, and the nodes' for the walk below.
  const topNumbers = new Int32Array(topNodes.length);
  for (let place = 0; place < topNodes.length; place++) topNumbers[place] = index.number(topNodes[place].id);
  const connected = new Uint8Array(topNodes.length);
  const topEnds = new Int32Array(topEdges.length * 2);
  for (let k = 0; k < topEdges.length; k++) {
    const source = index.find(topEdges[k].source) ?? -1;
    const target = index.find(topEdges[k].target) ?? -1;
    if (source >= 0) connected[source] = 1;
    if (target >= 0) connected[target] = 1;
    topEnds[2 * k] = source;
    topEnds[2 * k + 1] = target;
  }
  /** Top-level edges left out for a duplicate id, in order. */
  const duplicateTop: number[] = [];

  /**
   * `forwarded` names, per local node id, the ports an enclosing macro feeds from one of its own
   * connected inputs: to a nested macro they count as connected.
   */
  const addLevel = (
    nodes: readonly GraphNode[],
    edges: readonly GraphEdge[],
    prefix: string,
    depth: number,
    forwarded: ReadonlyMap<string, readonly string[]>,
  ) => {
    let fed: Map<string, Set<string>> | undefined;
    const connectedPorts = (local: string): string[] => {
      if (!fed) {
        fed = new Map();
        for (const edge of edges) {
          const ports = fed.get(edge.target) ?? new Set<string>();
          ports.add(edge.targetHandle);
          fed.set(edge.target, ports);
        }
      }
      return [...new Set([...(fed.get(local) ?? []), ...(forwarded.get(local) ?? [])])].sort();
    };
    const top = prefix === "";
    for (let place = 0; place < nodes.length; place++) {
      const raw = nodes[place];
      const id = prefix + raw.id;
      const number = top ? topNumbers[place] : index.number(id);
      if (index.read(number)) {
        diagnostics.push({
          severity: "error",
          code: "duplicate-id",
          nodeId: id,
          message: `Two nodes share the id “${id}”. Give each node its own id.`,
        });
        continue;
      }
      const found = top && topTypes ? topTypes[place] : lookupType(raw.type);
      if (!found.ok) {
        index.place(number, LEFT_OUT);
        diagnostics.push({
          severity: "error",
          code: "unknown-node-type",
          nodeId: id,
          message: `Node “${id}”: ${found.reason}`,
        });
        continue;
      }
      const { type } = found;
      const { definition } = type;
      const node = top ? raw : migrateNode({ ...raw, id }, definition, diagnostics);
      // Top-level params are remembered from one compile to the next; inner nodes are new each time.
      const recalled = top ? recallParams(place, node.params, type) : UNSEEN;
      let memo = recalled ?? undefined;
      let params: Record<string, unknown> | undefined;
      // A remembered parse is shared from compile to compile, and a plan keeps its steps' params,
      // so this compile gets a copy: made here, with the node's other objects at hand, it also
      // sits next to the other nodes' params for the passes that follow.
      if (memo) params = { ...memo.parsed };
      else {
        params = quickParse(node.params, type) ?? parseParams(id, node.params, definition, diagnostics);
        if (params && recalled !== UNSEEN) memo = rememberedParse(node.params, type, { ...params });
      }
      if (top) keepParams(place, node.params, memo);
      if (top && !connected[number]) {
        index.place(number, LEFT_OUT);
        diagnostics.push({
          severity: "warning",
          code: "unconnected-node",
          nodeId: id,
          message: `${nodeName(id, definition)} is not connected to anything, so it has no effect. Connect it or delete it.`,
        });
        // A formula or block is still read, so a mistake in it shows while it waits to be wired;
        // as a warning, since a node that has no effect yet should not stop the preview.
        if (definition.expand && params) {
          const found: Diagnostic[] = [];
          expandOne(id, definition, params, { blocks, connected: connectedPorts(raw.id) }, depth, found);
          for (const d of found) diagnostics.push({ ...d, severity: "warning" });
        }
        continue;
      }
      if (!definition.expand) {
        index.place(number, flat.nodes.count);
        flat.nodes.add(id, node, type, params, memo);
        continue;
      }
      index.place(number, LEFT_OUT);
      if (!params) continue;
      const connectedHere = connectedPorts(raw.id);
      const expansion = expandOne(
        id,
        definition,
        params,
        { blocks, connected: connectedHere },
        depth,
        diagnostics,
      );
      if (!expansion) continue;
      macros.set(id, { definition, expansion });
      const inner = new Map<string, string[]>();
      for (const port of connectedHere) {
        for (const target of expansion.inputs[port] ?? [])
          inner.set(target.node, [...(inner.get(target.node) ?? []), target.port]);
      }
      addLevel(expansion.nodes, expansion.edges, `${id}/`, depth + 1, inner);
    }
    for (let k = 0; k < edges.length; k++) {
      const edge = edges[k];
      const id = prefix + edge.id;
      const count = edgeIds.size;
      if (edgeIds.add(id) < count) {
        if (prefix === "") duplicateTop.push(k);
        diagnostics.push({
          severity: "error",
          code: "duplicate-id",
          edgeId: id,
          message: `Two edges share the id “${id}”. Give each edge its own id.`,
        });
        continue;
      }
      // The top-level edges are taken as they are after the walk.
      if (prefix !== "")
        rawEdges.push({ ...edge, id, source: prefix + edge.source, target: prefix + edge.target });
    }
  };
  startParamsWalk(topNodes.length);
  addLevel(topNodes, topEdges, "", 0, new Map());
  endParamsWalk();
  flat.nodes.finish();

  const dangling = (edgeId: string, message: string) =>
    diagnostics.push({ severity: "error", code: "dangling-edge", edgeId, message });

  /** The inner output behind a macro's output, through any number of nested macros. */
  const resolveSource = (edge: GraphEdge): { node: string; port: string } | undefined => {
    let node = edge.source;
    let port = edge.sourceHandle;
    for (let macro = macros.get(node); macro; macro = macros.get(node)) {
      const inner = macro.expansion.outputs[port];
      if (!inner) {
        const ports = Object.keys(macro.expansion.outputs).join(", ") || "none";
        dangling(
          edge.id,
          `Edge “${edge.id}” leaves ${nodeName(node, macro.definition)} from output “${port}”, which it does not have (its outputs: ${ports}). Reconnect or delete the edge.`,
        );
        return undefined;
      }
      node = `${node}/${inner.node}`;
      port = inner.port;
    }
    return { node, port };
  };

  /** The inner inputs a macro's input forwards to, through any number of nested macros. */
  const resolveTargets = (node: string, port: string, edgeId?: string): { node: string; port: string }[] => {
    const macro = macros.get(node);
    if (!macro) return [{ node, port }];
    const inner = macro.expansion.inputs[port];
    if (!inner) {
      if (edgeId) {
        const ports = Object.keys(macro.expansion.inputs).join(", ") || "none";
        dangling(
          edgeId,
          `Edge “${edgeId}” enters ${nodeName(node, macro.definition)} at input “${port}”, which it does not have (its inputs: ${ports}). Reconnect or delete the edge.`,
        );
      }
      return [];
    }
    return inner.flatMap((target) => resolveTargets(`${node}/${target.node}`, target.port));
  };

  let topKept: readonly GraphEdge[] = topEdges;
  let topKeptEnds: ArrayLike<number> = topEnds;
  if (duplicateTop.length > 0) {
    const kept: GraphEdge[] = [];
    const ends: number[] = [];
    for (let k = 0, d = 0; k < topEdges.length; k++) {
      if (duplicateTop[d] === k) {
        d++;
        continue;
      }
      kept.push(topEdges[k]);
      ends.push(topEnds[2 * k], topEnds[2 * k + 1]);
    }
    topKept = kept;
    topKeptEnds = ends;
  }
  if (macros.size === 0) {
    flat.edges = topKept;
    flat.edgeEnds = topKeptEnds;
  } else {
    const edges: GraphEdge[] = [];
    for (const edge of [...rawEdges, ...topKept]) {
      if (!macros.has(edge.source) && !macros.has(edge.target)) {
        edges.push(edge);
        continue;
      }
      const source = resolveSource(edge);
      const targets = resolveTargets(edge.target, edge.targetHandle, edge.id);
      if (!source) continue;
      targets.forEach((target, k) => {
        edges.push({
          id: k === 0 ? edge.id : `${edge.id}#${k + 1}`,
          source: source.node,
          sourceHandle: source.port,
          target: target.node,
          targetHandle: target.port,
        });
      });
    }
    flat.edges = edges;
  }

  // Outer macros come first in `macros`, so the outermost input a port stands for wins.
  for (const [nodeId, macro] of macros) {
    for (const port of Object.keys(macro.expansion.inputs)) {
      for (const target of resolveTargets(nodeId, port)) {
        const key = `${target.node}\u0000${target.port}`;
        if (!flat.aliases.has(key)) flat.aliases.set(key, { nodeId, port, definition: macro.definition });
      }
    }
  }
  return flat;
}

function parseParams(
  id: string,
  raw: Record<string, unknown>,
  definition: NodeDefinition,
  diagnostics: Diagnostic[],
): Record<string, unknown> | undefined {
  const parsed = definition.params.safeParse(raw);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  for (const issue of parsed.error.issues) {
    const param = issue.path.length > 0 ? String(issue.path[0]) : undefined;
    diagnostics.push({
      severity: "error",
      code: "invalid-param",
      nodeId: id,
      param,
      message:
        issue.code === "custom"
          ? `${nodeName(id, definition)}: ${issue.message}`
          : `${nodeName(id, definition)}: ${param ?? "its params"} ${explainIssue(issue, raw)}.`,
    });
  }
  return undefined;
}

function expandOne(
  id: string,
  definition: NodeDefinition,
  params: Record<string, unknown>,
  context: ExpandContext,
  depth: number,
  diagnostics: Diagnostic[],
): Expansion | undefined {
  const name = nodeName(id, definition);
  if (depth >= MAX_EXPANSION_DEPTH) {
    diagnostics.push({
      severity: "error",
      code: "expansion-failed",
      nodeId: id,
      message: `${name} sits ${MAX_EXPANSION_DEPTH} custom blocks deep; a block probably contains itself. Remove the block from its own inner graph.`,
    });
    return undefined;
  }
  try {
    const result = definition.expand!(params, context);
    if (result.ok) return result.expansion;
    diagnostics.push({
      severity: "error",
      code: "expansion-failed",
      nodeId: id,
      param: result.param,
      column: result.column,
      message: `${name}: ${result.message}`,
    });
  } catch (error) {
    diagnostics.push({
      severity: "error",
      code: "expansion-failed",
      nodeId: id,
      message: `${name} could not be expanded: ${(error as Error).message}`,
    });
  }
  return undefined;
}
