import { type ConnectionVerdict, judgeConnection, PORT_TYPE_LABELS, type PortType } from "@/nodes/core/ports";
import { requiredOrderInputs } from "@/nodes/orders/requirements";
import { portNumber } from "./definitions";
import { type Diagnostic, nodeName } from "./diagnostics";
import { type FlatGraph, type FlatNodes, LEFT_OUT } from "./expand";

/**
 * The checked graph, its edges as flat arrays: input `p` of node `i` is entry inputStart[i] + p of
 * the input arrays, output `p` of node `i` entry outputStart[i] + p of `consumed`. Arrays, not an
 * object per edge: the lowering reads them for every node of graphs with 10,000 nodes.
 */
export interface WiredGraph {
  nodes: FlatNodes;
  /** Indices of `nodes` in an order where every node comes after the nodes that feed it. */
  order: Int32Array;
  inputStart: Int32Array;
  outputStart: Int32Array;
  /** Per input, the node whose output feeds it, or -1 when it is not connected. */
  sourceNode: Int32Array;
  /** Per connected input, the output port of `sourceNode` it reads. */
  sourcePort: Int32Array;
  /** Per output, 1 when an edge reads it. */
  consumed: Uint8Array;
}

/** An edge end with no node of that id. */
const NO_NODE = -2;

/**
 * Checks every edge (ends exist, types connect, one edge per input), every required input and
 * the absence of loops. The wired graph is only fit to lower when no error was reported.
 */
export function wire(flat: FlatGraph, diagnostics: Diagnostic[]): WiredGraph {
  const { index, nodes } = flat;
  const { ids, types } = nodes;
  const inputStart = new Int32Array(nodes.count + 1);
  const outputStart = new Int32Array(nodes.count + 1);
  for (let i = 0; i < nodes.count; i++) {
    const { definition } = types[i];
    inputStart[i + 1] = inputStart[i] + definition.inputs.length;
    outputStart[i + 1] = outputStart[i] + definition.outputs.length;
  }
  const graph: WiredGraph = {
    nodes,
    order: new Int32Array(0),
    inputStart,
    outputStart,
    sourceNode: new Int32Array(inputStart[nodes.count]).fill(-1),
    sourcePort: new Int32Array(inputStart[nodes.count]),
    consumed: new Uint8Array(outputStart[nodes.count]),
  };
  const { sourceNode, sourcePort, consumed } = graph;
  /** Per connected input, the number of the edge that connects it (in flat.edges). */
  const inputEdge = new Int32Array(inputStart[nodes.count]);
  /** Edge ids into each input that has more than one, keyed by target index and port. */
  const crowded = new Map<string, string[]>();
  /** Inputs with an edge that was reported or comes from a node left out: not also reported as missing. */
  const attempted = new Set<string>();

  const ends = flat.edgeEnds;
  for (let e = 0; e < flat.edges.length; e++) {
    const edge = flat.edges[e];
    const s = (ends ? index.placeOf(ends[2 * e]) : index.get(edge.source)) ?? NO_NODE;
    const t = (ends ? index.placeOf(ends[2 * e + 1]) : index.get(edge.target)) ?? NO_NODE;
    if (s < 0 || t < 0) {
      attempted.add(`${edge.target}\u0000${edge.targetHandle}`);
      const missing = s < 0 ? edge.source : edge.target;
      if ((s < 0 ? s : t) !== LEFT_OUT) {
        const end = s < 0 ? "starts at" : "ends at";
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
    const source = types[s];
    const target = types[t];
    const sourcePortIndex = portNumber(source.outputNames, edge.sourceHandle);
    const targetPortIndex = portNumber(target.inputNames, edge.targetHandle);
    if (sourcePortIndex < 0) {
      const ports = source.definition.outputs.map((p) => p.name).join(", ") || "none";
      const message = `Edge “${edge.id}” leaves ${nodeName(ids[s], source.definition)} from output “${edge.sourceHandle}”, which it does not have (its outputs: ${ports}). Reconnect or delete the edge.`;
      diagnostics.push(edgeError(edge.id, "dangling-edge", message, ids[s], edge.sourceHandle));
      continue;
    }
    if (targetPortIndex < 0) {
      const ports = target.definition.inputs.map((p) => p.name).join(", ") || "none";
      const message = `Edge “${edge.id}” enters ${nodeName(ids[t], target.definition)} at input “${edge.targetHandle}”, which it does not have (its inputs: ${ports}). Reconnect or delete the edge.`;
      diagnostics.push(edgeError(edge.id, "dangling-edge", message, ids[t], edge.targetHandle));
      continue;
    }
    const from = source.definition.outputs[sourcePortIndex];
    const to = target.definition.inputs[targetPortIndex];
    const verdict = connectionVerdict(from.type, to.type);
    if (!verdict.ok) {
      attempted.add(`${ids[t]}\u0000${to.name}`);
      const message = `Edge “${edge.id}” from ${nodeName(ids[s], source.definition)} (${from.name}: ${PORT_TYPE_LABELS[from.type]}) to ${nodeName(ids[t], target.definition)} (${to.name}: ${PORT_TYPE_LABELS[to.type]}): ${verdict.reason}`;
      diagnostics.push(edgeError(edge.id, "type-mismatch", message, ids[t], to.name));
      continue;
    }
    const input = inputStart[t] + targetPortIndex;
    if (sourceNode[input] >= 0) {
      const key = `${t}\u0000${targetPortIndex}`;
      const edges = crowded.get(key);
      if (edges) edges.push(edge.id);
      else crowded.set(key, [flat.edges[inputEdge[input]].id, edge.id]);
      continue;
    }
    sourceNode[input] = s;
    sourcePort[input] = sourcePortIndex;
    inputEdge[input] = e;
    consumed[outputStart[s] + sourcePortIndex] = 1;
  }

  for (const [key, edges] of crowded) {
    const [t, p] = key.split("\u0000").map(Number);
    const { definition } = types[t];
    const port = definition.inputs[p];
    diagnostics.push({
      severity: "error",
      code: "multiple-edges-into-input",
      nodeId: ids[t],
      port: port.name,
      edgeId: edges[1],
      message: `Input “${port.label}” of ${nodeName(ids[t], definition)} has ${edges.length} edges (${edges.map((e) => `“${e}”`).join(", ")}); an input takes one value, so delete all but one.`,
    });
  }

  for (let i = 0; i < nodes.count; i++) reportMissingInputs(graph, i, flat, attempted, diagnostics);

  graph.order = topologicalOrder(graph);
  if (graph.order.length < nodes.count) reportCycles(graph, diagnostics);
  return graph;
}

function reportMissingInputs(
  graph: WiredGraph,
  i: number,
  flat: FlatGraph,
  attempted: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): void {
  const type = graph.nodes.types[i];
  const id = graph.nodes.ids[i];
  const { definition } = type;
  let required = type.required;
  if (definition.order)
    required = new Set([
      ...required,
      ...requiredOrderInputs(definition.type, graph.nodes.savedOrderParams.get(i) ?? {}),
    ]);
  const first = graph.inputStart[i];
  for (let p = 0; p < definition.inputs.length; p++) {
    const port = definition.inputs[p];
    if (graph.sourceNode[first + p] >= 0 || !required.has(port.name)) continue;
    if (attempted.has(`${id}\u0000${port.name}`)) continue;
    const alias = flat.aliases.get(`${id}\u0000${port.name}`);
    const owner = alias ? nodeName(alias.nodeId, alias.definition) : nodeName(id, definition);
    const label = alias
      ? (alias.definition.inputs.find((p) => p.name === alias.port)?.label ?? alias.port)
      : port.label;
    diagnostics.push({
      severity: "error",
      code: "missing-input",
      nodeId: alias?.nodeId ?? id,
      port: alias?.port ?? port.name,
      message: `${owner}: input “${label}” is not connected. Connect a ${PORT_TYPE_LABELS[port.type]} to it.`,
    });
  }
}

/** Kahn's algorithm; nodes on a loop never reach in-degree 0 and are left out. */
function topologicalOrder(graph: WiredGraph): Int32Array {
  const { inputStart, sourceNode } = graph;
  const count = graph.nodes.count;
  // Each node's consumers as one flat list, in the order the nodes list them.
  const starts = new Int32Array(count + 1);
  const waiting = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    for (let k = inputStart[i]; k < inputStart[i + 1]; k++) {
      if (sourceNode[k] < 0) continue;
      starts[sourceNode[k] + 1]++;
      waiting[i]++;
    }
  }
  for (let i = 0; i < count; i++) starts[i + 1] += starts[i];
  const consumers = new Int32Array(starts[count]);
  const filled = starts.slice(0, count);
  for (let i = 0; i < count; i++) {
    for (let k = inputStart[i]; k < inputStart[i + 1]; k++)
      if (sourceNode[k] >= 0) consumers[filled[sourceNode[k]]++] = i;
  }
  const order = new Int32Array(count);
  let placed = 0;
  for (let i = 0; i < count; i++) if (waiting[i] === 0) order[placed++] = i;
  for (let k = 0; k < placed; k++) {
    const node = order[k];
    for (let c = starts[node]; c < starts[node + 1]; c++)
      if (--waiting[consumers[c]] === 0) order[placed++] = consumers[c];
  }
  return order.subarray(0, placed);
}

/** Names the nodes of each loop (Tarjan's strongly connected components, iteratively). */
function reportCycles(graph: WiredGraph, diagnostics: Diagnostic[]): void {
  const { order, inputStart, sourceNode } = graph;
  const { ids, count } = graph.nodes;
  const placed = new Set(order);
  const feeds: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < count; i++) {
    if (placed.has(i)) continue;
    for (let k = inputStart[i]; k < inputStart[i + 1]; k++) {
      const source = sourceNode[k];
      if (source >= 0 && !placed.has(source)) feeds[source].push(i);
    }
  }
  const indexOf = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < count; root++) {
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
        component.push(ids[w]);
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

const verdicts = new Map<PortType, Map<PortType, ConnectionVerdict>>();

/** judgeConnection's verdict, asked once per pair of port types. */
function connectionVerdict(from: PortType, to: PortType): ConnectionVerdict {
  let byTarget = verdicts.get(from);
  if (!byTarget) {
    byTarget = new Map();
    verdicts.set(from, byTarget);
  }
  let verdict = byTarget.get(to);
  if (!verdict) {
    verdict = judgeConnection(from, to);
    byTarget.set(to, verdict);
  }
  return verdict;
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
