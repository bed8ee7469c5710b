import { catalogue } from "@/nodes/catalogue";
import { defaultParams, type NodeDefinition, type PortSpec } from "@/nodes/core/define";
import type { CustomBlock, Graph, GraphEdge, GraphNode } from "@/nodes/core/graph";
import { type ConnectionVerdict, judgeConnection } from "@/nodes/core/ports";
import { paramFields } from "./param-fields";

/**
 * Edits of a graph as pure functions: every edit returns a new graph and leaves the old one intact,
 * so the undo history can keep snapshots and React can compare by identity.
 */

export interface Connection {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export function definitionOf(type: string): NodeDefinition | undefined {
  const found = catalogue.lookup(type);
  return found.ok ? found.definition : undefined;
}

/** Inputs and outputs a node shows: a custom block shows only the ports its block exposes. */
export function portsOf(
  node: GraphNode,
  blocks: Readonly<Record<string, CustomBlock>>,
): { inputs: readonly PortSpec[]; outputs: readonly PortSpec[] } {
  const definition = definitionOf(node.type);
  if (!definition) return { inputs: [], outputs: [] };
  if (node.type !== "custom.block") return definition;
  const block = blocks[String(node.params.block ?? "")];
  if (!block) return definition;
  return {
    inputs: block.inputs.map((input, i) => ({ ...definition.inputs[i], label: input.label })),
    outputs: block.outputs.map((output, i) => ({ ...definition.outputs[i], label: output.label })),
  };
}

/** A fresh id made of the node's name and the first number not yet taken: sma1, sma2… */
export function freshId(taken: ReadonlySet<string>, type: string): string {
  const base = type.slice(type.indexOf(".") + 1);
  for (let n = 1; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

export function addNode(graph: Graph, type: string, position: { x: number; y: number }): [Graph, string] {
  const definition = catalogue.get(type);
  const id = freshId(new Set(graph.nodes.map((node) => node.id)), type);
  const node: GraphNode = {
    id,
    type,
    typeVersion: definition.version,
    params: initialParams(definition),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return [{ ...graph, nodes: [...graph.nodes, node] }, id];
}

/**
 * The settings a new block exposes: every number setting of the nodes inside (periods, levels,
 * multipliers), named by node and setting, so the block stays tunable from the inspector.
 */
function exposedParams(inside: readonly GraphNode[]): CustomBlock["params"] {
  return inside.flatMap((node) => {
    const definition = definitionOf(node.type);
    if (!definition || node.type === "custom.block") return [];
    return paramFields(definition)
      .filter((field) => field.kind === "number")
      .map((field) => ({
        name: `${node.id}.${field.name}`,
        label: `${node.label ?? definition.title} ${field.label.toLowerCase()}`,
        node: node.id,
        param: field.name,
      }));
  });
}

/**
 * A dropped node's params: its defaults. A node with a required param (a block must name its block)
 * starts with the defaults it has, and the compiler asks for the rest.
 */
function initialParams(definition: NodeDefinition): Record<string, unknown> {
  try {
    return defaultParams(definition);
  } catch {
    return Object.fromEntries(
      paramFields(definition)
        .filter((field) => field.defaultValue !== undefined)
        .map((field) => [field.name, field.defaultValue]),
    );
  }
}

/**
 * Whether a connection may be drawn, with the sentence to show when not: the port types are
 * judged by the compiler's own rule, and a connection that would close a loop is refused too.
 */
export function judgeEdge(graph: Graph, connection: Connection): ConnectionVerdict {
  const source = graph.nodes.find((node) => node.id === connection.source);
  const target = graph.nodes.find((node) => node.id === connection.target);
  if (!source || !target) return { ok: false, reason: "One end of this connection is not on the canvas." };
  if (source.id === target.id) return { ok: false, reason: "A node cannot feed its own input." };
  const from = portsOf(source, graph.blocks).outputs.find((port) => port.name === connection.sourceHandle);
  const to = portsOf(target, graph.blocks).inputs.find((port) => port.name === connection.targetHandle);
  if (!from || !to) return { ok: false, reason: "Connect an output (right side) to an input (left side)." };
  const verdict = judgeConnection(from.type, to.type);
  if (!verdict.ok) return verdict;
  if (reaches(graph, target.id, source.id)) {
    return {
      ok: false,
      reason: `This would make a loop: ${source.id} already depends on ${target.id}. Strategies flow one way, from prices to orders.`,
    };
  }
  return verdict;
}

/** Whether `to` can be reached from `from` by following edges downstream. */
function reaches(graph: Graph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of graph.edges) if (edge.source === id) stack.push(edge.target);
  }
  return false;
}

/** Adds an edge; an input takes one edge, so an edge already into that input is replaced. */
export function connect(graph: Graph, connection: Connection): Graph {
  const edges = graph.edges.filter(
    (edge) => !(edge.target === connection.target && edge.targetHandle === connection.targetHandle),
  );
  const id = `${connection.source}.${connection.sourceHandle}->${connection.target}.${connection.targetHandle}`;
  return { ...graph, edges: [...edges, { id, ...connection }] };
}

export function removeItems(graph: Graph, nodeIds: Iterable<string>, edgeIds: Iterable<string>): Graph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => !nodes.has(node.id)),
    edges: graph.edges.filter(
      (edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target),
    ),
  };
}

export function updateNode(graph: Graph, id: string, update: (node: GraphNode) => GraphNode): Graph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === id ? update(node) : node)) };
}

export function setParam(graph: Graph, id: string, param: string, value: unknown): Graph {
  return updateNode(graph, id, (node) => ({ ...node, params: { ...node.params, [param]: value } }));
}

export function setLabel(graph: Graph, id: string, label: string): Graph {
  return updateNode(graph, id, ({ label: _old, ...node }) => (label.trim() ? { ...node, label } : node));
}

export function moveNodes(graph: Graph, positions: ReadonlyMap<string, { x: number; y: number }>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const position = positions.get(node.id);
      return position ? { ...node, position } : node;
    }),
  };
}

/** What goes on the clipboard: the chosen nodes, the edges among them, and the blocks they use. */
export interface Fragment {
  kind: "strata/graph-fragment";
  nodes: GraphNode[];
  edges: GraphEdge[];
  blocks: Record<string, CustomBlock>;
}

export function copyFragment(graph: Graph, nodeIds: ReadonlySet<string>): Fragment {
  const nodes = graph.nodes.filter((node) => nodeIds.has(node.id));
  const blocks: Record<string, CustomBlock> = {};
  for (const node of nodes) {
    const block = node.type === "custom.block" ? String(node.params.block ?? "") : "";
    if (block && graph.blocks[block]) blocks[block] = graph.blocks[block];
  }
  return {
    kind: "strata/graph-fragment",
    nodes,
    edges: graph.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
    blocks,
  };
}

/** Reads clipboard text; anything that is not a fragment of ours gives undefined. */
export function parseFragment(text: string): Fragment | undefined {
  try {
    const value = JSON.parse(text) as Partial<Fragment>;
    if (
      value?.kind !== "strata/graph-fragment" ||
      !Array.isArray(value.nodes) ||
      !Array.isArray(value.edges)
    ) {
      return undefined;
    }
    return { kind: value.kind, nodes: value.nodes, edges: value.edges, blocks: value.blocks ?? {} };
  } catch {
    return undefined;
  }
}

/**
 * Pastes a fragment with fresh node ids, shifted by `offset`; blocks keep their id unless this
 * graph already has a different block of that id. Returns the ids of the pasted nodes.
 */
export function pasteFragment(
  graph: Graph,
  fragment: Fragment,
  offset: { x: number; y: number },
): [Graph, string[]] {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const blocks = { ...graph.blocks };
  const blockIds = new Map<string, string>();
  for (const [id, block] of Object.entries(fragment.blocks)) {
    let next = id;
    for (let n = 2; blocks[next] && JSON.stringify(blocks[next]) !== JSON.stringify(block); n++)
      next = `${id}${n}`;
    blocks[next] = block;
    blockIds.set(id, next);
  }
  const ids = new Map<string, string>();
  const nodes = fragment.nodes
    .filter((node) => definitionOf(node.type))
    .map((node) => {
      const id = freshId(taken, node.type);
      taken.add(id);
      ids.set(node.id, id);
      const params =
        node.type === "custom.block"
          ? { ...node.params, block: blockIds.get(String(node.params.block)) ?? node.params.block }
          : node.params;
      return {
        ...node,
        id,
        params,
        position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      };
    });
  const edges = fragment.edges
    .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
    .map((edge) => {
      const source = ids.get(edge.source)!;
      const target = ids.get(edge.target)!;
      return {
        ...edge,
        id: `${source}.${edge.sourceHandle}->${target}.${edge.targetHandle}`,
        source,
        target,
      };
    });
  return [
    { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges], blocks },
    nodes.map((node) => node.id),
  ];
}

export type GroupResult = { ok: true; graph: Graph; nodeId: string } | { ok: false; reason: string };

/**
 * Replaces the chosen nodes by one Custom Block node. Edges crossing into the group become the
 * block's inputs (one per inner input port), edges leaving it its outputs (one per inner output
 * port); a block node carries at most four of each, of number or true/false series.
 */
export function groupIntoBlock(graph: Graph, nodeIds: ReadonlySet<string>, title: string): GroupResult {
  if (nodeIds.size < 2) return { ok: false, reason: "Select at least two nodes to group them into a block." };
  const inside = graph.nodes.filter((node) => nodeIds.has(node.id));
  if (inside.some((node) => node.type === "data.priceFeed")) {
    return {
      ok: false,
      reason: "A Price Feed cannot go inside a block; leave it out and connect it to the block.",
    };
  }
  const incoming = graph.edges.filter((edge) => !nodeIds.has(edge.source) && nodeIds.has(edge.target));
  const outgoing = graph.edges.filter((edge) => nodeIds.has(edge.source) && !nodeIds.has(edge.target));
  const inputKeys = unique(incoming.map((edge) => `${edge.target}.${edge.targetHandle}`));
  const outputKeys = unique(outgoing.map((edge) => `${edge.source}.${edge.sourceHandle}`));
  if (inputKeys.length > 4 || outputKeys.length > 4) {
    return {
      ok: false,
      reason: `A block takes at most 4 inputs and 4 outputs; this selection needs ${inputKeys.length} inputs and ${outputKeys.length} outputs.`,
    };
  }
  const portType = (key: string, side: "inputs" | "outputs") => {
    const [nodeId, port] = splitKey(key);
    const node = inside.find((n) => n.id === nodeId)!;
    return portsOf(node, graph.blocks)[side].find((p) => p.name === port);
  };
  for (const [keys, side] of [
    [inputKeys, "inputs"],
    [outputKeys, "outputs"],
  ] as const) {
    for (const key of keys) {
      const port = portType(key, side);
      if (port && port.type !== "series" && port.type !== "bool") {
        return {
          ok: false,
          reason: `A block passes only number or true/false series; ${key} carries ${port.type}. Leave that node out of the block.`,
        };
      }
    }
  }
  // Ports keep their own label unless two would read alike; then the inner node's name tells them apart.
  const labelsOf = (keys: string[], side: "inputs" | "outputs") => {
    const plain = keys.map((key) => portType(key, side)?.label ?? splitKey(key)[1]);
    return plain.map((label, i) => {
      if (plain.indexOf(label) === plain.lastIndexOf(label)) return label;
      const inner = inside.find((n) => n.id === splitKey(keys[i])[0]);
      return `${inner?.label ?? inner?.id} ${label.toLowerCase()}`;
    });
  };
  const inputLabels = labelsOf(inputKeys, "inputs");
  const outputLabels = labelsOf(outputKeys, "outputs");
  const blockId = freshId(new Set(Object.keys(graph.blocks)), `custom.${slug(title)}`);
  const block: CustomBlock = {
    title,
    nodes: inside,
    edges: graph.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
    inputs: inputKeys.map((key, i) => {
      const [node, port] = splitKey(key);
      return { name: `in${i + 1}`, label: inputLabels[i], node, port };
    }),
    outputs: outputKeys.map((key, i) => {
      const [node, port] = splitKey(key);
      return { name: `out${i + 1}`, label: outputLabels[i], node, port };
    }),
    params: exposedParams(inside),
  };
  const centre = {
    x: inside.reduce((sum, node) => sum + node.position.x, 0) / inside.length,
    y: inside.reduce((sum, node) => sum + node.position.y, 0) / inside.length,
  };
  let next: Graph = { ...removeItems(graph, nodeIds, []), blocks: { ...graph.blocks, [blockId]: block } };
  const [withNode, nodeId] = addNode(next, "custom.block", centre);
  next = updateNode(withNode, nodeId, (node) => ({
    ...node,
    label: title,
    params: { block: blockId, values: {} },
  }));
  for (const edge of incoming) {
    const index = inputKeys.indexOf(`${edge.target}.${edge.targetHandle}`);
    next = connect(next, {
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      target: nodeId,
      targetHandle: `in${index + 1}`,
    });
  }
  for (const edge of outgoing) {
    const index = outputKeys.indexOf(`${edge.source}.${edge.sourceHandle}`);
    next = connect(next, {
      source: nodeId,
      sourceHandle: `out${index + 1}`,
      target: edge.target,
      targetHandle: edge.targetHandle,
    });
  }
  return { ok: true, graph: next, nodeId };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function splitKey(key: string): [string, string] {
  const dot = key.lastIndexOf(".");
  return [key.slice(0, dot), key.slice(dot + 1)];
}

function slug(title: string): string {
  const words = title
    .replace(/[^a-zA-Z0-9 ]/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join("");
  return /^[a-z]/.test(camel) ? camel : `block${camel}`;
}
