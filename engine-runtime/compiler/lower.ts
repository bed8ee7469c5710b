import type { NodeDefinition } from "@/nodes/core/define";
import { BAR_FIELDS, columnsOf } from "@/nodes/core/ports";
import { canonicalJson } from "../plan/canonical";
import type { Plan, SourceMap } from "../plan/schema";
import { PLAN_VERSION } from "../plan/schema";
import type { WiredGraph, WiredNode } from "./check";
import type { Diagnostic } from "./diagnostics";
import { type Column, type Draft, isPlotted, type StepColumn } from "./draft";
import { endHash, hashInteger, hashText, startHash } from "./hash";
import { choosePlots } from "./plots";
import { buildRules, slotsRead } from "./rules";
import { SlotTable } from "./slots";

/** The node type whose step reads a feed's six columns instead of graph inputs. */
const PRICE_FEED = "data.priceFeed";

/** A draft's slots until the slot table numbers them (it gives each draft its own array). */
const NO_SLOTS: number[] = [];

/** Bars a fold runs: enough to tell a value that changes from bar to bar from a constant. */
const FOLD_BARS = 4;

export interface Lowered {
  plan: Plan;
  sourceMap: SourceMap;
  /** canonicalJson of each step's params, in step order: written once, for merging and for the plan. */
  paramsJson: string[];
}

/**
 * Turns a checked graph into a plan: folds constants, merges equal computations, drops what
 * reaches neither an order nor a plot, orders steps by structure, numbers slots, folds order
 * chains into rules and picks plots. Node ids never influence the plan, only the source map.
 */
export function lower(graph: WiredGraph, diagnostics: Diagnostic[]): Lowered | undefined {
  const { nodes } = graph;
  const values: (Column[][] | undefined)[] = new Array(nodes.length);
  const drafts: Draft[] = [];
  /** Per node type, the drafts by canonical params and input columns: equal keys compute the same. */
  const byKey = new Map<NodeDefinition, Map<string, Draft>>();

  const { order } = graph;
  for (let o = 0; o < order.length; o++) {
    const i = order[o];
    const node = nodes[i];
    const { definition, params } = node;
    if (!definition.kernel) continue;
    let inputs: Column[];
    let feed: string | undefined;
    if (definition.type === PRICE_FEED) {
      feed = canonicalJson([stringParam(params.symbol), stringParam(params.timeframe)]);
      inputs = [];
      for (let field = 0; field < BAR_FIELDS.length; field++) inputs.push({ kind: "feed", feed, field });
    } else {
      inputs = inputColumns(node, values);
    }
    const folded = feed === undefined ? fold(node, inputs) : undefined;
    if (folded) {
      values[i] = folded;
      continue;
    }
    const paramsJson = canonicalJson(params);
    let key = paramsJson;
    for (let c = 0; c < inputs.length; c++) key += exactKey(inputs[c]);
    let drafted = byKey.get(definition);
    if (!drafted) {
      drafted = new Map();
      byKey.set(definition, drafted);
    }
    const existing = drafted.get(key);
    if (existing) {
      existing.nodes.push(node);
      values[i] = existing.outputs;
      continue;
    }
    const opKey = opKeyOf(definition);
    const draft: Draft = {
      serial: drafts.length,
      opKey,
      paramsJson,
      rank: rankOf(opKey, paramsJson, inputs),
      headOrder: 0,
      nodes: [node],
      definition,
      params,
      inputs,
      outputs: new Array(definition.outputs.length),
      feed,
      live: false,
      slots: NO_SLOTS,
      waiting: 0,
      position: 0,
    };
    let index = 0;
    for (let p = 0; p < definition.outputs.length; p++) {
      const width = columnsOf(definition.outputs[p].type);
      const columns: StepColumn[] = new Array(width);
      for (let k = 0; k < width; k++) columns[k] = { kind: "step", step: draft, index: index++ };
      draft.outputs[p] = columns;
    }
    drafted.set(key, draft);
    drafts.push(draft);
    values[i] = draft.outputs;
  }

  const orderNodes = graph.order.map((i) => nodes[i]).filter((node) => node.definition.order);
  markLive(drafts, orderNodes, values);
  const steps = orderSteps(drafts.filter((draft) => draft.live));
  const slots = new SlotTable(steps);

  // Constants read only by order rules get slots in value order, so rule order cannot move them.
  const ruleConstants: number[] = [];
  for (const node of orderNodes) {
    for (let p = 0; p < node.inputs.length; p++) {
      const wire = node.inputs[p];
      if (!wire || node.definition.inputs[p].type === "order") continue;
      const column = values[wire.node]![wire.port][0];
      if (column.kind === "const") ruleConstants.push(column.value);
    }
  }
  // A plain loop, not filter/map/sort chained: V8 deoptimised lower() on that chain on every call.
  ruleConstants.sort((a, b) => a - b);
  for (const value of ruleConstants) slots.constant(value);

  const rules = buildRules(nodes, orderNodes, values, slots, diagnostics);
  if (!rules) return undefined;

  const plan: Plan = {
    format: "strata.plan",
    version: PLAN_VERSION,
    feeds: slots.feeds,
    slotCount: slots.count,
    constants: slots.constants,
    steps: slots.steps,
    orders: rules.map((r) => r.rule),
    plots: choosePlots(steps, rules, slots, orderNodes.length > 0),
    warmup: Math.max(0, ...rules.flatMap((r) => slotsRead(r.rule).map((s) => slots.ready[s]))),
  };
  const sourceMap: SourceMap = {
    steps: steps.map((draft) =>
      draft.nodes.length === 1 ? [draft.nodes[0].id] : draft.nodes.map((n) => n.id).sort(),
    ),
    orders: rules.map((r) => r.chain),
    slots: slots.origins,
  };
  return { plan, sourceMap, paramsJson: steps.map((draft) => draft.paramsJson) };
}

function stringParam(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function inputColumns(node: WiredNode, values: readonly (Column[][] | undefined)[]): Column[] {
  const ports = node.definition.inputs;
  const columns: Column[] = new Array(inputWidth(node.definition));
  let c = 0;
  for (let p = 0; p < ports.length; p++) {
    const port = ports[p];
    const wire = node.inputs[p];
    if (wire) {
      const source = values[wire.node]![wire.port];
      for (let k = 0; k < source.length; k++) columns[c++] = source[k];
      continue;
    }
    const fallback = port.fallbackParam === undefined ? undefined : node.params[port.fallbackParam];
    const column: Column =
      typeof fallback === "number" && Number.isFinite(fallback)
        ? { kind: "const", value: normalise(fallback) }
        : { kind: "nan" };
    for (let k = columnsOf(port.type); k > 0; k--) columns[c++] = column;
  }
  return columns;
}

const inputWidths = new WeakMap<NodeDefinition, number>();

/** How many columns a definition's inputs take, counted once per definition. */
function inputWidth(definition: NodeDefinition): number {
  let width = inputWidths.get(definition);
  if (width === undefined) {
    width = 0;
    for (const port of definition.inputs) width += columnsOf(port.type);
    inputWidths.set(definition, width);
  }
  return width;
}

function normalise(value: number): number {
  return value === 0 ? 0 : value;
}

/**
 * Runs a node at compile time when its value cannot vary from bar to bar: no warm-up and only
 * constant inputs (or no inputs and only scalar outputs). A few bars are run and the outputs must
 * agree on every bar, which keeps stateful kernels (a running count) out; a non-finite result
 * stays a step because the plan's constants are finite.
 */
function fold(node: WiredNode, inputs: readonly Column[]): Column[][] | undefined {
  const { definition, params } = node;
  if (inputs.length > 0) {
    for (let c = 0; c < inputs.length; c++) if (inputs[c].kind !== "const") return undefined;
  } else {
    for (let p = 0; p < definition.outputs.length; p++)
      if (definition.outputs[p].type !== "scalar") return undefined;
  }
  try {
    if (definition.warmup(params) !== 0) return undefined;
    const columns = inputs.map((c) =>
      new Float64Array(FOLD_BARS).fill(c.kind === "const" ? c.value : Number.NaN),
    );
    const widths = definition.outputs.map((port) => columnsOf(port.type));
    const outputs = Array.from(
      { length: widths.reduce((a, b) => a + b, 0) },
      () => new Float64Array(FOLD_BARS),
    );
    definition.kernel!(params, { start: 0 }).run(columns, outputs, 0, FOLD_BARS);
    if (!outputs.every((out) => Number.isFinite(out[0]) && out.every((v) => v === out[0]))) return undefined;
    let k = 0;
    return widths.map((width) =>
      Array.from({ length: width }, () => ({ kind: "const", value: normalise(outputs[k++][0]) }) as Column),
    );
  } catch {
    return undefined;
  }
}

/** Each column's key ends with ";", so a sequence of keys reads back one way. */
function exactKey(column: Column): string {
  switch (column.kind) {
    case "const":
      return `c${canonicalJson(column.value)};`;
    case "nan":
      return "n;";
    case "feed":
      return `f${column.feed}:${column.field};`;
    case "step":
      return `s${column.step.serial}:${column.index};`;
  }
}

const opKeys = new WeakMap<NodeDefinition, string>();

/** "indicators.sma@1|": a step's head starts with it, then its canonical params and "|". */
function opKeyOf(definition: NodeDefinition): string {
  let key = opKeys.get(definition);
  if (key === undefined) {
    key = `${definition.type}@${definition.version}|`;
    opKeys.set(definition, key);
  }
  return key;
}

/**
 * structuralHash of the head (op key, canonical params, "|") and the inputs' structure (a step
 * input by its source's rank), fed piece by piece.
 */
function rankOf(opKey: string, paramsJson: string, inputs: readonly Column[]): number {
  startHash();
  hashText(opKey);
  hashText(paramsJson);
  hashText("|");
  for (let c = 0; c < inputs.length; c++) {
    const column = inputs[c];
    if (column.kind === "step") {
      hashText("s");
      hashInteger(column.step.rank);
      hashText(":");
      hashInteger(column.index);
      hashText(";");
    } else {
      hashText(exactKey(column));
    }
  }
  return endHash();
}

/**
 * Marks the steps that matter. With order nodes: what an order reads, plus indicator and math
 * series nobody reads (the trader put them there to see them). Without order nodes: everything
 * connected, so the preview still draws.
 */
function markLive(
  drafts: Draft[],
  orderNodes: readonly WiredNode[],
  values: readonly (Column[][] | undefined)[],
) {
  const pending: Draft[] = [];
  const visitAll = (columns: readonly Column[]) => {
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      if (column.kind === "step" && !column.step.live) {
        column.step.live = true;
        pending.push(column.step);
      }
    }
  };
  if (orderNodes.length === 0) {
    for (const draft of drafts) draft.live = true;
    return;
  }
  for (const node of orderNodes) {
    for (const wire of node.inputs) {
      const columns = wire && values[wire.node]?.[wire.port];
      if (columns) visitAll(columns);
    }
  }
  for (const draft of drafts) {
    if (!isPlotted(draft.definition)) continue;
    for (const node of draft.nodes) {
      if (!unreadSeries(node)) continue;
      for (const columns of draft.outputs) visitAll(columns);
      break;
    }
  }
  while (pending.length > 0) visitAll(pending.pop()!.inputs);
}

function unreadSeries(node: WiredNode): boolean {
  const { outputs } = node.definition;
  for (let p = 0; p < outputs.length; p++) if (outputs[p].type === "series" && !node.consumed[p]) return true;
  return false;
}

/** Kahn's algorithm over steps; among the steps ready at once, the smallest structural key goes first. */
function orderSteps(live: readonly Draft[]): Draft[] {
  const headOrder = orderHeads(live);
  // Who reads whom, once per pair however many inputs join them, as one flat list per source.
  const counts = new Int32Array(live.length + 1);
  const seen = new Int32Array(live.length).fill(-1);
  for (let d = 0; d < live.length; d++) {
    const draft = live[d];
    draft.position = d;
    draft.headOrder = headOrder.get(draft.opKey)!.get(draft.paramsJson)!;
  }
  for (let d = 0; d < live.length; d++) {
    const draft = live[d];
    for (const column of draft.inputs) {
      if (column.kind !== "step" || seen[column.step.position] === d) continue;
      seen[column.step.position] = d;
      counts[column.step.position + 1]++;
      draft.waiting++;
    }
  }
  for (let d = 0; d < live.length; d++) counts[d + 1] += counts[d];
  const readers = new Int32Array(counts[live.length]);
  const filled = counts.slice(0, live.length);
  seen.fill(-1);
  for (let d = 0; d < live.length; d++) {
    for (const column of live[d].inputs) {
      if (column.kind !== "step" || seen[column.step.position] === d) continue;
      seen[column.step.position] = d;
      readers[filled[column.step.position]++] = d;
    }
  }
  const heap = new DraftHeap();
  for (const draft of live) if (draft.waiting === 0) heap.push(draft);
  const ordered: Draft[] = [];
  while (heap.size > 0) {
    const draft = heap.pop();
    ordered.push(draft);
    for (let r = counts[draft.position]; r < counts[draft.position + 1]; r++) {
      const reader = live[readers[r]];
      if (--reader.waiting === 0) heap.push(reader);
    }
  }
  return ordered;
}

/**
 * Each head's place in the code-unit order of the heads, as nested maps: op key, then params.
 * Heads compare as their op keys do when those differ (an op key has one "|", at its end, so
 * neither is a prefix of the other) and as their params do otherwise (one canonical JSON object
 * is never a prefix of another), so sorting the parts gives the order of the whole texts.
 */
function orderHeads(live: readonly Draft[]): Map<string, Map<string, number>> {
  const params = new Map<string, Set<string>>();
  for (const draft of live) {
    const seen = params.get(draft.opKey);
    if (seen) seen.add(draft.paramsJson);
    else params.set(draft.opKey, new Set([draft.paramsJson]));
  }
  const order = new Map<string, Map<string, number>>();
  let place = 0;
  for (const opKey of [...params.keys()].sort()) {
    const places = new Map<string, number>();
    for (const json of [...params.get(opKey)!].sort()) places.set(json, place++);
    order.set(opKey, places);
  }
  return order;
}

class DraftHeap {
  readonly #items: Draft[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(draft: Draft): void {
    const items = this.#items;
    items.push(draft);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent])) break;
      const swap = items[i];
      items[i] = items[parent];
      items[parent] = swap;
      i = parent;
    }
  }

  pop(): Draft {
    const items = this.#items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && before(items[left], items[best])) best = left;
        if (right < items.length && before(items[right], items[best])) best = right;
        if (best === i) break;
        const swap = items[i];
        items[i] = items[best];
        items[best] = swap;
        i = best;
      }
    }
    return top;
  }
}

function before(a: Draft, b: Draft): boolean {
  if (a.headOrder !== b.headOrder) return a.headOrder < b.headOrder;
  return a.rank < b.rank || (a.rank === b.rank && a.serial < b.serial);
}
