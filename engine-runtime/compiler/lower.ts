import { BAR_FIELDS, columnsOf } from "@/nodes/core/ports";
import { canonicalJson, type WrittenParts } from "../plan/canonical";
import type { Plan, SourceMap } from "../plan/schema";
import { PLAN_VERSION } from "../plan/schema";
import { arrayOf } from "./arrays";
import type { WiredGraph } from "./check";
import type { HeadText, NodeType } from "./definitions";
import type { Diagnostic } from "./diagnostics";
import {
  CONST_COLUMN,
  ColumnTable,
  columnKind,
  columnNumber,
  Drafts,
  FEED_COLUMN,
  NAN_COLUMN,
  STEP_COLUMN,
} from "./draft";
import type { FlatNodes } from "./expand";
import { endHash, hashDigits, hashInteger, hashLane, hashText, highDigits, resumeHash } from "./hash";
import { choosePlots } from "./plots";
import { type BuiltRule, buildRules, slotsRead } from "./rules";
import { SlotTable } from "./slots";

/** The node type whose step reads a feed's six columns instead of graph inputs. */
const PRICE_FEED = "data.priceFeed";

/** Bars a fold runs: enough to tell a value that changes from bar to bar from a constant. */
const FOLD_BARS = 4;

export interface Lowered {
  plan: Plan;
  sourceMap: SourceMap;
  /** The canonical JSON of each step's params and constant's value: written once, for merging and ranks and for the plan. */
  written: WrittenParts;
}

/**
 * Turns a checked graph into a plan: folds constants, merges equal computations, drops what
 * reaches neither an order nor a plot, orders steps by structure, numbers slots, folds order
 * chains into rules and picks plots. Node ids never influence the plan, only the source map.
 */
export function lower(graph: WiredGraph, diagnostics: Diagnostic[]): Lowered | undefined {
  const { nodes, order } = graph;
  const { ids, types } = nodes;
  const drafting = draftingOrder(graph);
  const values = new NodeValues(graph);
  const columns = new ColumnTable(values.codes.length);
  const drafts = new Drafts(nodes);
  const heads = new HeadTable(nodes.count);
  const index = new DraftIndex(nodes.count, drafts);
  /** The current node's input columns; a new draft copies them. */
  const inputs: number[] = [];

  for (let o = 0; o < drafting.length; o++) {
    const i = drafting[o];
    const type = types[i];
    const { definition } = type;
    if (!definition.kernel) continue;
    const params = nodes.params[i] ?? {};
    let count: number;
    let feed = -1;
    if (definition.type === PRICE_FEED) {
      feed = columns.feedNumber(canonicalJson([stringParam(params.symbol), stringParam(params.timeframe)]));
      for (count = 0; count < BAR_FIELDS.length; count++) inputs[count] = columns.feedColumn(feed, count);
    } else {
      count = inputColumns(graph, i, params, values, columns, inputs);
      const folded = fold(type, params, inputs, count, columns);
      if (folded) {
        for (let k = 0; k < folded.length; k++) folded[k] = columns.constant(folded[k]);
        values.set(i, folded);
        continue;
      }
    }
    const head = heads.number(type, params, nodes, i);
    const existing = index.find(head, inputs, count);
    if (existing >= 0) {
      drafts.merge(existing, i);
      values.setStep(i, drafts.firstColumn[existing]);
      continue;
    }
    const d = drafts.add(i, head, inputs, count);
    drafts.feed[d] = feed;
    rank(d, heads, inputs, count, drafts, columns);
    drafts.firstColumn[d] = columns.addStep(d, type.outputColumns);
    index.add(d);
    values.setStep(i, drafts.firstColumn[d]);
  }

  const orderNodes: number[] = [];
  for (let o = 0; o < order.length; o++) if (types[order[o]].definition.order) orderNodes.push(order[o]);
  markLive(graph, drafts, orderNodes, values, columns);
  const steps = orderSteps(drafts, heads, columns);
  const slots = new SlotTable(steps, drafts, columns);

  // Constants read only by order rules get slots in value order, so rule order cannot move them.
  const ruleConstants: number[] = [];
  for (const i of orderNodes) {
    const { inputs: ports } = types[i].definition;
    for (let p = 0; p < ports.length; p++) {
      const input = graph.inputStart[i] + p;
      const source = graph.sourceNode[input];
      if (source < 0 || ports[p].type === "order") continue;
      const code = values.first(source, graph.sourcePort[input]);
      if (columnKind(code) === CONST_COLUMN) ruleConstants.push(code);
    }
  }
  const { constants } = columns;
  ruleConstants.sort((a, b) => constants[columnNumber(a)] - constants[columnNumber(b)]);
  for (const code of ruleConstants) slots.slotOf(code);

  const rules = buildRules(graph, orderNodes, values, slots, diagnostics);
  if (!rules) return undefined;
  slots.finish();

  const plan: Plan = {
    format: "strata.plan",
    version: PLAN_VERSION,
    feeds: slots.feeds,
    slotCount: slots.count,
    constants: slots.constants,
    steps: slots.steps,
    orders: rules.map((r) => r.rule),
    plots: choosePlots(steps, drafts, graph, rules, slots, orderNodes.length > 0),
    warmup: warmupOf(rules, slots),
  };
  const stepIds: string[][] = new Array(steps.length);
  const paramsJson: string[] = new Array(steps.length);
  for (let s = 0; s < steps.length; s++) {
    const d = steps[s];
    const first = ids[drafts.firstNode[d]];
    if (drafts.nodeCount[d] === 1) stepIds[s] = [first];
    else {
      const merged = [first];
      for (let n = drafts.nextNode[drafts.firstNode[d]]; n >= 0; n = drafts.nextNode[n]) merged.push(ids[n]);
      stepIds[s] = merged.sort();
    }
    paramsJson[s] = heads.paramsJson[drafts.head[d]];
  }
  const sourceMap: SourceMap = { steps: stepIds, orders: rules.map((r) => r.chain) };
  return { plan, sourceMap, written: { params: paramsJson, constants: slots.constantsJson } };
}

/**
 * The nodes in an order where each comes after the nodes that feed it, as near the graph's own
 * order as that allows: for each node in turn, its unplaced sources (depth first), then the node.
 * A graph lists its nodes mostly in the order they flow, so drafting in this order reads the
 * nodes' params and arrays nearly in order, where the wiring's breadth-first order jumps from
 * chain to chain. Only for a graph without loops.
 */
function draftingOrder(graph: WiredGraph): Int32Array {
  const { inputStart, sourceNode } = graph;
  const count = graph.nodes.count;
  const order = new Int32Array(count);
  const placed = new Uint8Array(count);
  /** The nodes being placed, each waiting for its sources from input `next[node]` on. */
  const stack = new Int32Array(count);
  const next = new Int32Array(count);
  let done = 0;
  for (let root = 0; root < count; root++) {
    if (placed[root]) continue;
    placed[root] = 1;
    next[root] = inputStart[root];
    stack[0] = root;
    for (let top = 1; top > 0; ) {
      const node = stack[top - 1];
      if (next[node] < inputStart[node + 1]) {
        const source = sourceNode[next[node]++];
        if (source >= 0 && !placed[source]) {
          placed[source] = 1;
          next[source] = inputStart[source];
          stack[top++] = source;
        }
        continue;
      }
      top--;
      order[done++] = node;
    }
  }
  return order;
}

/** Bars before every order rule's inputs hold values. */
function warmupOf(rules: readonly BuiltRule[], slots: SlotTable): number {
  let warmup = 0;
  for (const { rule } of rules)
    for (const slot of slotsRead(rule)) warmup = Math.max(warmup, slots.ready[slot]);
  return warmup;
}

function stringParam(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * Writes node `i`'s input columns into `into`, port after port; returns how many. An unconnected
 * input reads its fallback param as a constant, else NaN.
 */
function inputColumns(
  graph: WiredGraph,
  i: number,
  params: Record<string, unknown>,
  values: NodeValues,
  columns: ColumnTable,
  into: number[],
): number {
  const ports = graph.nodes.types[i].definition.inputs;
  const first = graph.inputStart[i];
  let c = 0;
  for (let p = 0; p < ports.length; p++) {
    const port = ports[p];
    const source = graph.sourceNode[first + p];
    if (source >= 0) {
      const from = values.at(source, graph.sourcePort[first + p]);
      const to = from + values.width(source, graph.sourcePort[first + p]);
      for (let k = from; k < to; k++) into[c++] = values.codes[k];
      continue;
    }
    const fallback = port.fallbackParam === undefined ? undefined : params[port.fallbackParam];
    const code =
      typeof fallback === "number" && Number.isFinite(fallback)
        ? columns.constant(normalise(fallback))
        : NAN_COLUMN;
    for (let k = columnsOf(port.type); k > 0; k--) into[c++] = code;
  }
  return c;
}

function normalise(value: number): number {
  return value === 0 ? 0 : value;
}

/**
 * Runs a node at compile time when its value cannot vary from bar to bar: no warm-up and only
 * constant inputs (or no inputs and only scalar outputs). A few bars are run and the outputs must
 * agree on every bar, which keeps stateful kernels (a running count) out; a non-finite result
 * stays a step because the plan's constants are finite. Returns the value of each output column.
 */
function fold(
  type: NodeType,
  params: Record<string, unknown>,
  inputs: readonly number[],
  count: number,
  columns: ColumnTable,
): number[] | undefined {
  const { definition } = type;
  if (count > 0) {
    for (let c = 0; c < count; c++) if (columnKind(inputs[c]) !== CONST_COLUMN) return undefined;
  } else {
    for (let p = 0; p < definition.outputs.length; p++)
      if (definition.outputs[p].type !== "scalar") return undefined;
  }
  try {
    if (definition.warmup(params) !== 0) return undefined;
    const bars: Float64Array[] = [];
    for (let c = 0; c < count; c++)
      bars.push(new Float64Array(FOLD_BARS).fill(columns.constants[columnNumber(inputs[c])]));
    const width = type.outputColumns;
    const outputs = Array.from({ length: width }, () => new Float64Array(FOLD_BARS));
    definition.kernel!(params, { start: 0 }).run(bars, outputs, 0, FOLD_BARS);
    if (!outputs.every((out) => Number.isFinite(out[0]) && out.every((v) => v === out[0]))) return undefined;
    return outputs.map((out) => normalise(out[0]));
  } catch {
    return undefined;
  }
}

/**
 * Ranks draft `d`: structuralHash of its head (op key, canonical params, "|") and its inputs'
 * structure, fed piece by piece from the head's hash on: a step input as "s<source's rank>:<column>;",
 * a constant as "c<canonical value>;", a feed column as "f<feed>:<field>;" and NaN as "n;".
 */
function rank(
  d: number,
  heads: HeadTable,
  inputs: readonly number[],
  count: number,
  drafts: Drafts,
  columns: ColumnTable,
): void {
  heads.resumeAfter(drafts.head[d]);
  for (let c = 0; c < count; c++) {
    const code = inputs[c];
    const number = columnNumber(code);
    switch (columnKind(code)) {
      case STEP_COLUMN: {
        const source = columns.owners[number];
        hashText("s");
        hashDigits(drafts.rankHigh[source], drafts.rankLow[source]);
        hashText(":");
        // The column within the source's: a small number, so its digits are all "low" ones.
        hashDigits(0, number - drafts.firstColumn[source]);
        hashText(";");
        break;
      }
      case CONST_COLUMN: {
        hashText("c");
        // The canonical text of the value; a whole number's digits are hashed without writing it.
        const value = columns.constants[number];
        if (!Number.isSafeInteger(value)) hashText(columns.text(number));
        else if (value >= 0) hashInteger(value);
        else {
          hashText("-");
          hashInteger(-value);
        }
        hashText(";");
        break;
      }
      case FEED_COLUMN:
        hashText("f");
        hashText(columns.feeds[Math.floor(number / BAR_FIELDS.length)]);
        hashText(":");
        hashDigits(0, number % BAR_FIELDS.length);
        hashText(";");
        break;
      default:
        hashText("n;");
    }
  }
  const value = endHash();
  drafts.rank[d] = value;
  const high = highDigits(value);
  drafts.rankHigh[d] = high;
  drafts.rankLow[d] = value - high * 1e8;
}

/**
 * Every node's output columns as codes, port after port and node after node, in one array.
 */
class NodeValues {
  readonly codes: Int32Array;
  readonly #outputStart: Int32Array;
  /** Per output port of the graph (numbered as in WiredGraph), where its columns start in `codes`. */
  readonly #portStart: Int32Array;

  constructor(graph: WiredGraph) {
    const { nodes, outputStart } = graph;
    this.#outputStart = outputStart;
    this.#portStart = new Int32Array(outputStart[nodes.count] + 1);
    let at = 0;
    for (let i = 0; i < nodes.count; i++) {
      const { outputs } = nodes.types[i].definition;
      for (let p = 0; p < outputs.length; p++) {
        this.#portStart[outputStart[i] + p] = at;
        at += columnsOf(outputs[p].type);
      }
    }
    this.#portStart[outputStart[nodes.count]] = at;
    this.codes = new Int32Array(at);
  }

  /** Where the first column of output `port` of node `node` is in `codes`. */
  at(node: number, port: number): number {
    return this.#portStart[this.#outputStart[node] + port];
  }

  /** How many columns output `port` of node `node` has. */
  width(node: number, port: number): number {
    const k = this.#outputStart[node] + port;
    return this.#portStart[k + 1] - this.#portStart[k];
  }

  /** The first column of output `port` of node `node`: the only one, unless it is bars. */
  first(node: number, port: number): number {
    return this.codes[this.at(node, port)];
  }

  set(node: number, codes: readonly number[]): void {
    this.codes.set(codes, this.at(node, 0));
  }

  /** The node's outputs are a draft's columns, from step column `firstColumn` on. */
  setStep(node: number, firstColumn: number): void {
    const start = this.at(node, 0);
    const end = this.#portStart[this.#outputStart[node + 1]];
    for (let k = start; k < end; k++) this.codes[k] = (firstColumn + k - start) * 4 + STEP_COLUMN;
  }
}

/**
 * Heads numbered as they are met: one number per node type and canonical params. A head is found
 * by the hash of its text ("<op key><params>|"), which its drafts' ranks start from: a table of
 * our own rather than a Map keyed by the params, which would hash every params text a second time.
 */
class HeadTable {
  count = 0;
  readonly paramsJson: string[];
  /** Per head, the number of its node type among those met (its op): heads are ordered op by op. */
  readonly op: Int32Array;
  /** The node types met, by the number `op` gives them. */
  readonly opTypes: NodeType[] = [];
  readonly #opNumbers = new Map<NodeType, number>();
  readonly #types: NodeType[];
  /** Per head, the two lanes of the hash of its text. */
  readonly #laneA: Int32Array;
  readonly #laneB: Int32Array;
  /** Head number + 1 in each place; 0 is empty. */
  readonly #table: Int32Array;
  readonly #mask: number;

  constructor(nodes: number) {
    let size = 16;
    while (size < nodes * 2) size *= 2;
    this.#table = new Int32Array(size);
    this.#mask = size - 1;
    this.#laneA = new Int32Array(nodes);
    this.#laneB = new Int32Array(nodes);
    this.op = new Int32Array(nodes);
    this.paramsJson = arrayOf(nodes);
    this.#types = arrayOf(nodes);
  }

  /**
   * The head of node `i` of `nodes`, of `type` with these params: its text and hash as the node's
   * remembered parse has them, else worked out and remembered there for the next compile.
   */
  number(type: NodeType, params: Record<string, unknown>, nodes: FlatNodes, i: number): number {
    let paramsJson = nodes.headJson[i];
    let a: number;
    let b: number;
    if (paramsJson !== undefined) {
      a = nodes.headLaneA[i];
      b = nodes.headLaneB[i];
    } else {
      const text = headText(type, params);
      paramsJson = text.json;
      a = text.laneA;
      b = text.laneB;
      const memo = nodes.memos[i];
      if (memo) {
        memo.json = paramsJson;
        memo.headLaneA = a;
        memo.headLaneB = b;
      }
    }
    let at = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) & this.#mask;
    for (; this.#table[at] !== 0; at = (at + 1) & this.#mask) {
      const head = this.#table[at] - 1;
      if (
        this.#laneA[head] === a &&
        this.#laneB[head] === b &&
        this.#types[head] === type &&
        this.paramsJson[head] === paramsJson
      )
        return head;
    }
    const head = this.count++;
    this.paramsJson[head] = paramsJson;
    this.#types[head] = type;
    let op = this.#opNumbers.get(type);
    if (op === undefined) {
      op = this.opTypes.length;
      this.opTypes.push(type);
      this.#opNumbers.set(type, op);
    }
    this.op[head] = op;
    this.#laneA[head] = a;
    this.#laneB[head] = b;
    this.#table[at] = head + 1;
    return head;
  }

  /** Resumes the hash after the head's text, for a rank. */
  resumeAfter(head: number): void {
    resumeHash(this.#laneA[head], this.#laneB[head]);
  }
}

/** The canonical params of a node of `type` and the hash lanes of its head, kept by value for a sole number param. */
function headText(type: NodeType, params: Record<string, unknown>): HeadText {
  const sole = type.soleParam;
  const value = sole === undefined ? undefined : params[sole];
  if (typeof value === "number") {
    const kept = type.headsByValue.get(value);
    if (kept) return kept;
  }
  const json = canonicalParams(type, params);
  resumeHash(type.opKeyLaneA, type.opKeyLaneB);
  hashText(json);
  hashText("|");
  const text: HeadText = { json, laneA: hashLane(0), laneB: hashLane(1) };
  if (typeof value === "number") {
    type.headsByValue.add(value, text);
  }
  return text;
}

/**
 * canonicalJson(params) for a parse of the type's schema, written from its sorted keys: a parse
 * holds no keys but the schema's, so the keys need not be listed and sorted for every node.
 */
function canonicalParams(type: NodeType, params: Record<string, unknown>): string {
  const keys = type.sortedParams;
  if (keys === null) return canonicalJson(params);
  let text = "";
  for (let k = 0; k < keys.length; k++) {
    const value = params[keys[k].name];
    if (value === undefined) continue;
    text += (text === "" ? "{" : ",") + keys[k].quoted + canonicalJson(value);
  }
  return text === "" ? "{}" : `${text}}`;
}

/**
 * Drafts by head and input columns, in an open-addressing table of draft numbers: equal keys
 * compute the same, so a node with the key of an existing draft merges into it.
 */
class DraftIndex {
  readonly #drafts: Drafts;
  /** Draft number + 1 in each place; 0 is empty. */
  readonly #table: Int32Array;
  readonly #mask: number;
  /** The empty place where the last `find` stopped: where the draft it did not find goes. */
  #vacant = -1;

  constructor(nodes: number, drafts: Drafts) {
    let size = 16;
    while (size < nodes * 2) size *= 2;
    this.#drafts = drafts;
    this.#table = new Int32Array(size);
    this.#mask = size - 1;
  }

  /** The draft with this head and these inputs, or -1. */
  find(head: number, inputs: readonly number[], count: number): number {
    const drafts = this.#drafts;
    for (let at = keyHash(head, inputs, count) & this.#mask; ; at = (at + 1) & this.#mask) {
      const d = this.#table[at] - 1;
      if (d < 0) {
        this.#vacant = at;
        return -1;
      }
      if (drafts.head[d] !== head) continue;
      const start = drafts.inputStart[d];
      if (drafts.inputStart[d + 1] - start !== count) continue;
      let same = true;
      for (let c = 0; c < count && same; c++) same = drafts.inputs[start + c] === inputs[c];
      if (same) return d;
    }
  }

  /** Adds draft `d`, made for the key that the last `find` did not find. */
  add(d: number): void {
    this.#table[this.#vacant] = d + 1;
  }
}

function keyHash(head: number, inputs: readonly number[], count: number): number {
  let h = Math.imul(head ^ 0x2545f491, 0x9e3779b1);
  for (let c = 0; c < count; c++) {
    h = Math.imul(h ^ inputs[c], 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2d);
  return h ^ (h >>> 15);
}

/**
 * Marks the steps that matter. With order nodes: what an order reads, plus indicator and math
 * series nobody reads (the trader put them there to see them). Without order nodes: everything
 * connected, so the preview still draws.
 */
function markLive(
  graph: WiredGraph,
  drafts: Drafts,
  orderNodes: readonly number[],
  values: NodeValues,
  columns: ColumnTable,
): void {
  const { live } = drafts;
  if (orderNodes.length === 0) {
    live.fill(1, 0, drafts.count);
    return;
  }
  const pending = new Int32Array(drafts.count);
  let waiting = 0;
  const visit = (code: number) => {
    if (columnKind(code) !== STEP_COLUMN) return;
    const d = columns.owners[columnNumber(code)];
    if (live[d]) return;
    live[d] = 1;
    pending[waiting++] = d;
  };
  for (const i of orderNodes) {
    for (let k = graph.inputStart[i]; k < graph.inputStart[i + 1]; k++) {
      const source = graph.sourceNode[k];
      if (source < 0) continue;
      const from = values.at(source, graph.sourcePort[k]);
      const to = from + values.width(source, graph.sourcePort[k]);
      for (let c = from; c < to; c++) visit(values.codes[c]);
    }
  }
  for (let d = 0; d < drafts.count; d++) {
    if (live[d] || !drafts.type(d).plotted) continue;
    for (let n = drafts.firstNode[d]; n >= 0; n = drafts.nextNode[n]) {
      if (!unreadSeries(graph, n)) continue;
      live[d] = 1;
      pending[waiting++] = d;
      break;
    }
  }
  while (waiting > 0) {
    const d = pending[--waiting];
    for (let c = drafts.inputStart[d]; c < drafts.inputStart[d + 1]; c++) visit(drafts.inputs[c]);
  }
}

function unreadSeries(graph: WiredGraph, i: number): boolean {
  const { outputs } = graph.nodes.types[i].definition;
  const first = graph.outputStart[i];
  for (let p = 0; p < outputs.length; p++)
    if (outputs[p].type === "series" && !graph.consumed[first + p]) return true;
  return false;
}

/**
 * Kahn's algorithm over the live drafts; among the steps ready at once, the smallest structural
 * key goes first. Returns draft numbers in step order.
 */
function orderSteps(drafts: Drafts, heads: HeadTable, columns: ColumnTable): Int32Array {
  // The live drafts by place, in draft order, so a smaller place is a smaller serial.
  const liveDrafts = new Int32Array(drafts.count);
  const place = new Int32Array(drafts.count);
  let count = 0;
  for (let d = 0; d < drafts.count; d++) {
    if (!drafts.live[d]) continue;
    place[d] = count;
    liveDrafts[count++] = d;
  }
  const live = liveDrafts.subarray(0, count);
  const headOrder = orderHeads(live, drafts, heads);
  const keys = new StepKeys(live.length);
  for (let l = 0; l < live.length; l++) {
    keys.head[l] = headOrder[drafts.head[live[l]]];
    keys.rank[l] = drafts.rank[live[l]];
  }
  // Who reads whom, once per pair however many inputs join them, as one flat list per source.
  const counts = new Int32Array(live.length + 1);
  const waiting = new Int32Array(live.length);
  const seen = new Int32Array(live.length).fill(-1);
  const { inputs, inputStart } = drafts;
  for (let l = 0; l < live.length; l++) {
    const d = live[l];
    for (let c = inputStart[d]; c < inputStart[d + 1]; c++) {
      if (columnKind(inputs[c]) !== STEP_COLUMN) continue;
      const source = place[columns.owners[columnNumber(inputs[c])]];
      if (seen[source] === l) continue;
      seen[source] = l;
      counts[source + 1]++;
      waiting[l]++;
    }
  }
  for (let l = 0; l < live.length; l++) counts[l + 1] += counts[l];
  const readers = new Int32Array(counts[live.length]);
  const filled = counts.slice(0, live.length);
  seen.fill(-1);
  for (let l = 0; l < live.length; l++) {
    const d = live[l];
    for (let c = inputStart[d]; c < inputStart[d + 1]; c++) {
      if (columnKind(inputs[c]) !== STEP_COLUMN) continue;
      const source = place[columns.owners[columnNumber(inputs[c])]];
      if (seen[source] === l) continue;
      seen[source] = l;
      readers[filled[source]++] = l;
    }
  }
  for (let l = 0; l < live.length; l++) if (waiting[l] === 0) keys.push(l);
  const ordered = new Int32Array(live.length);
  for (let s = 0; s < live.length; s++) {
    const l = keys.pop();
    ordered[s] = live[l];
    for (let r = counts[l]; r < counts[l + 1]; r++) if (--waiting[readers[r]] === 0) keys.push(readers[r]);
  }
  return ordered;
}

/**
 * Each live head's place in the code-unit order of the heads, by head number. Heads compare as
 * their op keys do when those differ (an op key has one "|", at its end, so neither is a prefix
 * of the other) and as their params do otherwise (one canonical JSON object is never a prefix of
 * another), so sorting the parts gives the order of the whole texts.
 */
function orderHeads(live: Int32Array, drafts: Drafts, heads: HeadTable): Int32Array {
  // The live heads listed op by op (a counting sort by op number), then each op's sorted.
  const ops = heads.opTypes.length;
  const starts = new Int32Array(ops + 1);
  const listed = new Uint8Array(heads.count);
  for (let l = 0; l < live.length; l++) {
    const head = drafts.head[live[l]];
    if (listed[head]) continue;
    listed[head] = 1;
    starts[heads.op[head] + 1]++;
  }
  for (let op = 0; op < ops; op++) starts[op + 1] += starts[op];
  const byOp = new Int32Array(starts[ops]);
  const filled = starts.slice(0, ops);
  for (let head = 0; head < heads.count; head++) if (listed[head]) byOp[filled[heads.op[head]]++] = head;
  const opOrder = Array.from({ length: ops }, (_, op) => op);
  const opKeys = heads.opTypes.map((type) => type.opKey);
  opOrder.sort((a, b) => (opKeys[a] < opKeys[b] ? -1 : 1));
  const order = new Int32Array(heads.count);
  let place = 0;
  for (const op of opOrder) {
    // Heads of one op have different params, so no two compare equal.
    const list = byOp.subarray(starts[op], starts[op + 1]);
    sortByText(list, heads.paramsJson);
    for (let k = 0; k < list.length; k++) order[list[k]] = place++;
  }
  return order;
}

/** Characters after the texts' common prefix that the first sort of many heads looks at. */
const KEY_CHARACTERS = 5;

/**
 * Sorts `heads` in the code-unit order of their texts (all different). Thousands of heads of one
 * op (a large graph's indicators, each with its own period) are first put in the order of their
 * first characters after the texts' common prefix, by a radix sort (the engine's sort of a typed
 * array takes about 100 ns per element; this, a few), and only heads that share those characters
 * are then compared as texts.
 */
function sortByText(heads: Int32Array, texts: readonly string[]): void {
  const byText = (a: number, b: number) => (texts[a] < texts[b] ? -1 : 1);
  const count = heads.length;
  if (count < 64) {
    heads.sort(byText);
    return;
  }
  const first = texts[heads[0]];
  let common = first.length;
  for (let k = 1; k < count; k++) {
    const text = texts[heads[k]];
    const end = Math.min(common, text.length);
    let i = 0;
    while (i < end && text.charCodeAt(i) === first.charCodeAt(i)) i++;
    common = i;
  }
  // Head k's characters at keys[k * KEY_CHARACTERS + j]: 0 once its text has ended (a text that
  // ends sorts before any that goes on), else the character + 1, which must be a byte.
  const keys = new Uint8Array(count * KEY_CHARACTERS);
  for (let k = 0; k < count; k++) {
    const text = texts[heads[k]];
    for (let j = 0; j < KEY_CHARACTERS; j++) {
      const i = common + j;
      const c = i < text.length ? text.charCodeAt(i) + 1 : 0;
      if (c > 0xff) {
        heads.sort(byText);
        return;
      }
      keys[k * KEY_CHARACTERS + j] = c;
    }
  }
  // Least significant character first, each pass a stable counting sort of the heads' places.
  let order = new Int32Array(count);
  let spare = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  const starts = new Int32Array(0x101);
  for (let j = KEY_CHARACTERS - 1; j >= 0; j--) {
    starts.fill(0);
    for (let k = 0; k < count; k++) starts[keys[k * KEY_CHARACTERS + j] + 1]++;
    for (let c = 0; c < 0x100; c++) starts[c + 1] += starts[c];
    for (let i = 0; i < count; i++) {
      const k = order[i];
      spare[starts[keys[k * KEY_CHARACTERS + j]]++] = k;
    }
    [order, spare] = [spare, order];
  }
  const unsorted = heads.slice();
  for (let i = 0; i < count; i++) heads[i] = unsorted[order[i]];
  // Heads that share those characters: sort each such run as texts.
  for (let start = 0; start < count; ) {
    let end = start + 1;
    while (end < count && sameKey(keys, order[start], order[end])) end++;
    if (end - start > 1) heads.subarray(start, end).sort(byText);
    start = end;
  }
}

function sameKey(keys: Uint8Array, a: number, b: number): boolean {
  for (let j = 0; j < KEY_CHARACTERS; j++)
    if (keys[a * KEY_CHARACTERS + j] !== keys[b * KEY_CHARACTERS + j]) return false;
  return true;
}

/**
 * The steps ready to be placed, as a binary heap of live places keyed by head order, then rank,
 * then place (which follows the serial).
 */
class StepKeys {
  readonly head: Int32Array;
  readonly rank: Float64Array;
  readonly #heap: Int32Array;
  #size = 0;

  constructor(count: number) {
    this.head = new Int32Array(count);
    this.rank = new Float64Array(count);
    this.#heap = new Int32Array(count);
  }

  push(l: number): void {
    const heap = this.#heap;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(l, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = l;
  }

  pop(): number {
    const heap = this.#heap;
    const top = heap[0];
    const size = --this.#size;
    if (size > 0) {
      const last = heap[size];
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const right = left + 1;
        const child = right < size && this.#before(heap[right], heap[left]) ? right : left;
        if (!this.#before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  #before(a: number, b: number): boolean {
    if (this.head[a] !== this.head[b]) return this.head[a] < this.head[b];
    return this.rank[a] < this.rank[b] || (this.rank[a] === this.rank[b] && a < b);
  }
}
