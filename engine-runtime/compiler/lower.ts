import { BAR_FIELDS, columnsOf } from "@/nodes/core/ports";
import { canonicalJson } from "../plan/canonical";
import type { Plan, SourceMap } from "../plan/schema";
import { PLAN_VERSION } from "../plan/schema";
import type { WiredGraph, WiredNode } from "./check";
import type { Diagnostic } from "./diagnostics";
import { type Column, type Draft, isPlotted, type StepColumn } from "./draft";
import { structuralHash } from "./hash";
import { choosePlots } from "./plots";
import { buildRules, slotsRead } from "./rules";
import { SlotTable } from "./slots";

/** The node type whose step reads a feed's six columns instead of graph inputs. */
const PRICE_FEED = "data.priceFeed";

/** Bars a fold runs: enough to tell a value that changes from bar to bar from a constant. */
const FOLD_BARS = 4;

export interface Lowered {
  plan: Plan;
  sourceMap: SourceMap;
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
  const byKey = new Map<string, Draft>();

  for (const i of graph.order) {
    const node = nodes[i];
    const { definition, params } = node;
    if (!definition.kernel) continue;
    let inputs: Column[];
    let feed: string | undefined;
    if (definition.type === PRICE_FEED) {
      feed = canonicalJson([stringParam(params.symbol), stringParam(params.timeframe)]);
      inputs = BAR_FIELDS.map((_, field) => ({ kind: "feed", feed: feed!, field }) as Column);
    } else {
      inputs = inputColumns(node, values);
    }
    const folded = feed === undefined ? fold(node, inputs) : undefined;
    if (folded) {
      values[i] = folded;
      continue;
    }
    const head = `${definition.type}@${definition.version}|${canonicalJson(params)}|`;
    let key = head;
    for (const column of inputs) key += exactKey(column);
    const existing = byKey.get(key);
    if (existing) {
      existing.nodes.push(node);
      values[i] = existing.outputs;
      continue;
    }
    const draft: Draft = {
      serial: drafts.length,
      head,
      rank: rankOf(head, inputs),
      headOrder: 0,
      nodes: [node],
      definition,
      params,
      inputs,
      outputs: [],
      feed,
      live: false,
      slots: [],
      waiting: 0,
      consumers: [],
    };
    let index = 0;
    for (const port of definition.outputs) {
      const columns: StepColumn[] = [];
      for (let k = columnsOf(port.type); k > 0; k--)
        columns.push({ kind: "step", step: draft, index: index++ });
      draft.outputs.push(columns);
    }
    byKey.set(key, draft);
    drafts.push(draft);
    values[i] = draft.outputs;
  }

  const orderNodes = graph.order.map((i) => nodes[i]).filter((node) => node.definition.order);
  markLive(drafts, orderNodes, values);
  const steps = orderSteps(drafts.filter((draft) => draft.live));
  const slots = new SlotTable(steps);

  // Constants read only by order rules get slots in value order, so rule order cannot move them.
  const ruleValues = orderNodes.flatMap((node) =>
    node.inputs.flatMap((wire, p) =>
      wire && node.definition.inputs[p].type !== "order" ? [values[wire.node]![wire.port][0]] : [],
    ),
  );
  for (const value of ruleValues
    .filter((c) => c.kind === "const")
    .map((c) => c.value)
    .sort((a, b) => a - b))
    slots.constant(value);

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
    steps: steps.map((draft) => draft.nodes.map((n) => n.id).sort()),
    orders: rules.map((r) => r.chain),
    slots: slots.origins,
  };
  return { plan, sourceMap };
}

function stringParam(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function inputColumns(node: WiredNode, values: readonly (Column[][] | undefined)[]): Column[] {
  const columns: Column[] = [];
  node.definition.inputs.forEach((port, p) => {
    const wire = node.inputs[p];
    if (wire) {
      columns.push(...values[wire.node]![wire.port]);
      return;
    }
    const fallback = port.fallbackParam === undefined ? undefined : node.params[port.fallbackParam];
    const column: Column =
      typeof fallback === "number" && Number.isFinite(fallback)
        ? { kind: "const", value: normalise(fallback) }
        : { kind: "nan" };
    for (let k = 0; k < columnsOf(port.type); k++) columns.push(column);
  });
  return columns;
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
  const foldable =
    inputs.length > 0
      ? inputs.every((c) => c.kind === "const")
      : definition.outputs.every((port) => port.type === "scalar");
  if (!foldable) return undefined;
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

function rankOf(head: string, inputs: readonly Column[]): number {
  let text = head;
  for (const column of inputs) {
    text += column.kind === "step" ? `s${column.step.rank}:${column.index};` : exactKey(column);
  }
  return structuralHash(text);
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
  const visit = (column: Column) => {
    if (column.kind === "step" && !column.step.live) {
      column.step.live = true;
      pending.push(column.step);
    }
  };
  if (orderNodes.length === 0) {
    for (const draft of drafts) draft.live = true;
    return;
  }
  for (const node of orderNodes) {
    node.inputs.forEach((wire) => {
      if (wire) for (const column of values[wire.node]?.[wire.port] ?? []) visit(column);
    });
  }
  for (const draft of drafts) {
    if (isPlotted(draft.definition) && draft.nodes.some((node) => unreadSeries(node))) {
      for (const columns of draft.outputs) columns.forEach(visit);
    }
  }
  while (pending.length > 0) pending.pop()!.inputs.forEach(visit);
}
function unreadSeries(node: WiredNode): boolean {
  return node.definition.outputs.some((port, p) => port.type === "series" && !node.consumed[p]);
}

/** Kahn's algorithm over steps; among the steps ready at once, the smallest structural key goes first. */
function orderSteps(live: readonly Draft[]): Draft[] {
  const heads = [...new Set(live.map((draft) => draft.head))].sort();
  const headOrder = new Map(heads.map((head, i) => [head, i]));
  const heap = new DraftHeap();
  for (const draft of live) {
    draft.headOrder = headOrder.get(draft.head)!;
    let previous: Draft | undefined;
    for (const column of draft.inputs) {
      // Inputs from one source are usually adjacent; a repeated edge counts once either way.
      if (column.kind !== "step" || column.step === previous || column.step.consumers.at(-1) === draft)
        continue;
      previous = column.step;
      column.step.consumers.push(draft);
      draft.waiting++;
    }
  }
  for (const draft of live) if (draft.waiting === 0) heap.push(draft);
  const ordered: Draft[] = [];
  while (heap.size > 0) {
    const draft = heap.pop();
    ordered.push(draft);
    for (const consumer of draft.consumers) if (--consumer.waiting === 0) heap.push(consumer);
  }
  return ordered;
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
      [items[i], items[parent]] = [items[parent], items[i]];
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
        [items[i], items[best]] = [items[best], items[i]];
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
