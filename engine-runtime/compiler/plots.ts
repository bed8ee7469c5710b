import { numberText } from "../plan/canonical";
import type { Plot } from "../plan/schema";
import { arrayOf } from "./arrays";
import type { WiredGraph } from "./check";
import type { NodeType } from "./definitions";
import type { Drafts } from "./draft";
import type { BuiltRule } from "./rules";
import type { SlotTable } from "./slots";

/**
 * Lines for every indicator and math series that runs; signals for what triggers an order (or,
 * before there is any order, for true/false series nobody reads yet). `steps`: draft numbers in
 * step order.
 */
export function choosePlots(
  steps: Int32Array,
  drafts: Drafts,
  graph: WiredGraph,
  rules: readonly BuiltRule[],
  slots: SlotTable,
  trades: boolean,
): Plot[] {
  const triggers = new Set(rules.map(({ rule }) => rule.when));
  // At most one plot per slot.
  const plots: Plot[] = arrayOf(slots.count);
  let count = 0;
  for (let s = 0; s < steps.length; s++) {
    const d = steps[s];
    const type = drafts.type(d);
    const { outputs } = type.definition;
    const offsets = type.outputOffsets;
    for (let p = 0; p < outputs.length; p++) {
      const kind = outputs[p].type;
      const slot = drafts.firstSlot[d] + offsets[p];
      if (kind === "series" && type.plotted) {
        const pane = slots.price[slot] ? "price" : "pane";
        plots[count++] = { slot, label: plotLabel(drafts, d, graph, p), pane, kind: "line" };
      }
      if (kind !== "bool") continue;
      let unread = false;
      if (!trades) {
        for (let n = drafts.firstNode[d]; n >= 0 && !unread; n = drafts.nextNode[n])
          unread = graph.consumed[graph.outputStart[n] + p] === 0;
      }
      if (unread || triggers.has(slot))
        plots[count++] = { slot, label: plotLabel(drafts, d, graph, p), pane: "pane", kind: "signal" };
    }
  }
  plots.length = count;
  return plots;
}

/**
 * The node's label when the trader gave one, else its title with its number params: "SMA(20)"
 * (a fallback number is left out when its input is connected, as it is then unused). A node with
 * several outputs adds the output's label: "Stoch(14, 3) %K". Merged nodes take the first label
 * in code-unit order, so the choice does not depend on array order.
 */
function plotLabel(drafts: Drafts, d: number, graph: WiredGraph, port: number): string {
  const type = drafts.type(d);
  const { outputs } = type.definition;
  const suffix = outputs.length > 1 ? ` ${outputs[port].label}` : "";
  let best: string | undefined;
  for (let n = drafts.firstNode[d]; n >= 0; n = drafts.nextNode[n]) {
    const given = graph.nodes.labels[n];
    const base = given ?? titleOf(type, drafts.params(d), graph, n);
    const label = suffix === "" ? base : base + suffix;
    if (best === undefined || label < best) best = label;
  }
  return best!;
}

/**
 * "SMA(20)": the title and the number params that count for graph node `node`. Kept with the
 * node's remembered params, for as long as the same of its inputs are connected: on a recompile
 * the label is the same string again.
 */
function titleOf(type: NodeType, params: Record<string, unknown>, graph: WiredGraph, node: number): string {
  const unused = unusedParams(type, graph, node);
  const { titles, titleUnused, memos } = graph.nodes;
  const kept = titles[node];
  if (kept !== undefined && titleUnused[node] === unused && unused >= 0) return kept;
  const memo = memos[node];
  const sole = type.soleParam;
  const value = sole === undefined || unused !== 0 ? undefined : params[sole];
  if (typeof value === "number") {
    let title = type.titlesByValue.get(value);
    if (title === undefined) {
      title = `${type.labelStart + (Number.isFinite(value) ? numberText(value) : String(value))})`;
      type.titlesByValue.add(value, title);
    }
    if (memo) {
      memo.title = title;
      memo.titleUnused = unused;
    }
    return title;
  }
  const { paramNames, fallbackInputs } = type;
  let shown = "";
  for (let k = 0; k < paramNames.length; k++) {
    const value = params[paramNames[k]];
    if (typeof value !== "number") continue;
    if (unused >= 0 ? (unused & (1 << k)) !== 0 : fallbackConnected(fallbackInputs[k], graph, node)) continue;
    const text = Number.isFinite(value) ? numberText(value) : String(value);
    shown = shown === "" ? text : `${shown}, ${text}`;
  }
  const title = shown === "" ? type.definition.title : `${type.labelStart + shown})`;
  if (memo && unused >= 0) {
    memo.title = title;
    memo.titleUnused = unused;
  }
  return title;
}

/**
 * The params left out of a label, one bit each in schema order: a fallback number whose input is
 * connected, as it is then unused. -1 for a schema of more than 31 params, whose are looked up one
 * by one.
 */
function unusedParams(type: NodeType, graph: WiredGraph, node: number): number {
  const { fallbackInputs } = type;
  if (fallbackInputs.length > 31) return -1;
  let unused = 0;
  for (let k = 0; k < fallbackInputs.length; k++)
    if (fallbackConnected(fallbackInputs[k], graph, node)) unused |= 1 << k;
  return unused;
}

/** Whether any of these inputs (those a param stands in for) is connected: the param is then unused. */
function fallbackConnected(inputs: readonly number[], graph: WiredGraph, node: number): boolean {
  const first = graph.inputStart[node];
  for (let k = 0; k < inputs.length; k++) if (graph.sourceNode[first + inputs[k]] >= 0) return true;
  return false;
}
