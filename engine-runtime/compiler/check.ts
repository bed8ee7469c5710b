import type { NodeDefinition } from "@/nodes/core/define";
import { judgeConnection, PORT_TYPE_LABELS } from "@/nodes/core/ports";
import { requiredOrderInputs } from "@/nodes/orders/requirements";
import { type Diagnostic, nodeName } from "./diagnostics";
import type { FlatGraph, FlatNode } from "./expand";

/** Where an input's value comes from: output `port` (an index) of node `node` (an index), along edge `edge`. */
export interface Wire {
  node: number;
  port: number;
  edge: string;
}

export interface WiredNode extends FlatNode {
  params: Record<string, unknown>;
  /** One entry per input port, in port order; undefined when the port is not connected. */
  inputs: (Wire | undefined)[];
  /** One entry per output port: whether any edge reads it. */
  consumed: boolean[];
}

export interface WiredGraph {
  nodes: WiredNode[];
  /** Indices of `nodes` in an order where every node comes after the nodes that feed it. */
  order: number[];
}

/**
 * Checks every edge (ends exist, types connect, one edge per input), every required input and
 * the absence of loops. The wired graph is only fit to lower when no error was reported.
 */
export function wire(flat: FlatGraph, diagnostics: Diagnostic[]): WiredGraph {
  const { index } = flat;
  const nodes: WiredNode[] = flat.nodes.map((node) => ({
    id: node.id,
    node: node.node,
    definition: node.definition,
    params: node.params ?? {},
    inputs: new Array<Wire | undefined>(node.definition.inputs.length).fill(undefined),
    consumed: new Array<boolean>(node.definition.outputs.length).fill(false),
  }));
  /** Edge ids into each input that has more than one, keyed by target index and port. */
  const crowded = new Map<string, string[]>();
  /** Inputs with an edge that was reported or comes from a node left out: not also reported as missing. */
  const attempted = new Set<string>();

  for (const edge of flat.edges) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined) {
      attempted.add(`${edge.target}\u0000${edge.targetHandle}`);
      const missing = s === undefined ? edge.source : edge.target;
      if (!flat.leftOut.has(missing)) {
        const end = s === undefined ? "starts at" : "ends at";
        diagnostics.push(
          edgeError(
            edge.id,
            "dangling-edge",
            `Edge “${edge.id}” ${end} node “${missing}”, which does not exist. Delete the edge.`,
          ),
        );
      }
      continue;
    }
    const source = nodes[s];
    const target = nodes[t];
    const sourcePort = portsOf(source.definition).outputs.get(edge.sourceHandle);
    const targetPort = portsOf(target.definition).inputs.get(edge.targetHandle);
    if (sourcePort === undefined) {
      const ports = source.definition.outputs.map((p) => p.name).join(", ") || "none";
      const message = `Edge “${edge.id}” leaves ${nodeName(source.id, source.definition)} from output “${edge.sourceHandle}”, which it does not have (its outputs: ${ports}). Reconnect or delete the edge.`;
      diagnostics.push(edgeError(edge.id, "dangling-edge", message, source.id, edge.sourceHandle));
      continue;
    }
    if (targetPort === undefined) {
      const ports = target.definition.inputs.map((p) => p.name).join(", ") || "none";
      const message = `Edge “${edge.id}” enters ${nodeName(target.id, target.definition)} at input “${edge.targetHandle}”, which it does not have (its inputs: ${ports}). Reconnect or delete the edge.`;
      diagnostics.push(edgeError(edge.id, "dangling-edge", message, target.id, edge.targetHandle));
      continue;
    }
    const from = source.definition.outputs[sourcePort];
    const to = target.definition.inputs[targetPort];
    const verdict = judgeConnection(from.type, to.type);
    if (!verdict.ok) {
      attempted.add(`${target.id}\u0000${to.name}`);
      const message = `Edge “${edge.id}” from ${nodeName(source.id, source.definition)} (${from.name}: ${PORT_TYPE_LABELS[from.type]}) to ${nodeName(target.id, target.definition)} (${to.name}: ${PORT_TYPE_LABELS[to.type]}): ${verdict.reason}`;
      diagnostics.push(edgeError(edge.id, "type-mismatch", message, target.id, to.name));
      continue;
    }
    const taken = target.inputs[targetPort];
    if (taken) {
      const key = `${t}\u0000${targetPort}`;
      const edges = crowded.get(key);
      if (edges) edges.push(edge.id);
      else crowded.set(key, [taken.edge, edge.id]);
      continue;
    }
    target.inputs[targetPort] = { node: s, port: sourcePort, edge: edge.id };
    source.consumed[sourcePort] = true;
  }

  for (const [key, edges] of crowded) {
    const [t, p] = key.split("\u0000").map(Number);
    const node = nodes[t];
    const port = node.definition.inputs[p];
    diagnostics.push({
      severity: "error",
      code: "multiple-edges-into-input",
      nodeId: node.id,
      port: port.name,
      edgeId: edges[1],
      message: `Input “${port.label}” of ${nodeName(node.id, node.definition)} has ${edges.length} edges (${edges.map((e) => `“${e}”`).join(", ")}); an input takes one value, so delete all but one.`,
    });
  }

  for (const node of nodes) reportMissingInputs(node, flat, attempted, diagnostics);

  const order = topologicalOrder(nodes);
  if (order.length < nodes.length) reportCycles(nodes, order, diagnostics);
  return { nodes, order };
}

function reportMissingInputs(
  node: WiredNode,
  flat: FlatGraph,
  attempted: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): void {
  const { definition } = node;
  let required = portsOf(definition).required;
  if (definition.order)
    required = new Set([...required, ...requiredOrderInputs(definition.type, node.node.params)]);
  for (let i = 0; i < definition.inputs.length; i++) {
    const port = definition.inputs[i];
    if (node.inputs[i] || !required.has(port.name) || attempted.has(`${node.id}\u0000${port.name}`)) continue;
    const alias = flat.aliases.get(`${node.id}\u0000${port.name}`);
    const owner = alias ? nodeName(alias.nodeId, alias.definition) : nodeName(node.id, definition);
    const label = alias
      ? (alias.definition.inputs.find((p) => p.name === alias.port)?.label ?? alias.port)
      : port.label;
    diagnostics.push({
      severity: "error",
      code: "missing-input",
      nodeId: alias?.nodeId ?? node.id,
      port: alias?.port ?? port.name,
      message: `${owner}: input “${label}” is not connected. Connect a ${PORT_TYPE_LABELS[port.type]} to it.`,
    });
  }
}

/** Kahn's algorithm; nodes on a loop never reach in-degree 0 and are left out. */
function topologicalOrder(nodes: readonly WiredNode[]): number[] {
  // Each node's consumers as one flat list, in the order the nodes list them.
  const starts = new Int32Array(nodes.length + 1);
  const waiting = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    for (const wire of nodes[i].inputs) {
      if (!wire) continue;
      starts[wire.node + 1]++;
      waiting[i]++;
    }
  }
  for (let i = 0; i < nodes.length; i++) starts[i + 1] += starts[i];
  const consumers = new Int32Array(starts[nodes.length]);
  const filled = starts.slice(0, nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    for (const wire of nodes[i].inputs) if (wire) consumers[filled[wire.node]++] = i;
  }
  const order: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (waiting[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    const node = order[k];
    for (let c = starts[node]; c < starts[node + 1]; c++)
      if (--waiting[consumers[c]] === 0) order.push(consumers[c]);
  }
  return order;
}

/** Names the nodes of each loop (Tarjan's strongly connected components, iteratively). */
function reportCycles(
  nodes: readonly WiredNode[],
  order: readonly number[],
  diagnostics: Diagnostic[],
): void {
  const placed = new Set(order);
  const feeds: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    if (placed.has(i)) return;
    for (const wire of node.inputs) if (wire && !placed.has(wire.node)) feeds[wire.node].push(i);
  });
  const indexOf = new Array<number>(nodes.length).fill(-1);
  const low = new Array<number>(nodes.length).fill(0);
  const onStack = new Array<boolean>(nodes.length).fill(false);
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < nodes.length; root++) {
    if (placed.has(root) || indexOf[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, next] = frame;
      if (next === 0) {
        indexOf[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      if (next < feeds[v].length) {
        frame[1]++;
        const w = feeds[v][next];
        if (indexOf[w] < 0) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v], indexOf[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] !== indexOf[v]) continue;
      const component: string[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        component.push(nodes[w].id);
      } while (w !== v);
      if (component.length === 1 && !feeds[v].includes(v)) continue;
      component.sort();
      const list = component.map((id) => `“${id}”`);
      const names =
        list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
      diagnostics.push({
        severity: "error",
        code: "cycle",
        nodeId: component[0],
        message:
          component.length === 1
            ? `Node ${names} feeds its own input, which makes a loop. A strategy flows one way, from prices to orders: delete that edge.`
            : `Nodes ${names} feed each other in a loop. A strategy flows one way, from prices to orders: delete one of the edges between them.`,
      });
    }
  }
}

interface Ports {
  inputs: ReadonlyMap<string, number>;
  outputs: ReadonlyMap<string, number>;
  /** Inputs that must be connected whatever the params: not optional and without a fallback param. */
  required: ReadonlySet<string>;
}

const portsCache = new WeakMap<NodeDefinition, Ports>();

/** Port lookups of a definition, built once: large graphs repeat few node types. */
function portsOf(definition: NodeDefinition): Ports {
  let ports = portsCache.get(definition);
  if (!ports) {
    ports = {
      inputs: new Map(definition.inputs.map((port, i) => [port.name, i])),
      outputs: new Map(definition.outputs.map((port, i) => [port.name, i])),
      required: new Set(
        definition.inputs.filter((p) => !p.optional && p.fallbackParam === undefined).map((p) => p.name),
      ),
    };
    portsCache.set(definition, ports);
  }
  return ports;
}

function edgeError(
  edgeId: string,
  code: "dangling-edge" | "type-mismatch",
  message: string,
  nodeId?: string,
  port?: string,
): Diagnostic {
  const diagnostic: Diagnostic = { severity: "error", code, edgeId, message };
  if (nodeId !== undefined) diagnostic.nodeId = nodeId;
  if (port !== undefined) diagnostic.port = port;
  return diagnostic;
}
