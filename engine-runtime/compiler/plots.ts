import type { NodeDefinition } from "@/nodes/core/define";
import type { Plot } from "../plan/schema";
import type { WiredGraph } from "./check";
import { type Drafts, isPlotted, outputOffsets } from "./draft";
import { schemaKeys } from "./params";
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
  const plots: Plot[] = [];
  const add = (slot: number, kind: Plot["kind"], label: string) => {
    const pane = kind === "line" && slots.price[slot] ? "price" : "pane";
    plots.push({ slot, label, pane, kind });
  };
  for (let s = 0; s < steps.length; s++) {
    const d = steps[s];
    const definition = drafts.definitions[d];
    const { outputs } = definition;
    const offsets = outputOffsets(definition);
    for (let p = 0; p < outputs.length; p++) {
      const type = outputs[p].type;
      const slot = drafts.firstSlot[d] + offsets[p];
      if (type === "series" && isPlotted(definition)) add(slot, "line", plotLabel(drafts, d, graph, p));
      if (type !== "bool") continue;
      let unread = false;
      if (!trades) {
        for (let n = drafts.firstNode[d]; n >= 0 && !unread; n = drafts.nextNode[n])
          unread = graph.consumed[graph.outputStart[n] + p] === 0;
      }
      if (unread || triggers.has(slot)) add(slot, "signal", plotLabel(drafts, d, graph, p));
    }
  }
  return plots;
}

/**
 * The node's label when the trader gave one, else its title with its number params: "SMA(20)"
 * (a fallback number is left out when its input is connected, as it is then unused). A node with
 * several outputs adds the output's label: "Stoch(14, 3) %K". Merged nodes take the first label
 * in code-unit order, so the choice does not depend on array order.
 */
function plotLabel(drafts: Drafts, d: number, graph: WiredGraph, port: number): string {
  const definition = drafts.definitions[d];
  const params = drafts.params[d];
  const names = schemaKeys(definition);
  let numbers = 0;
  for (const name of names) if (typeof params[name] === "number") numbers++;
  const suffix = definition.outputs.length > 1 ? ` ${definition.outputs[port].label}` : "";
  if (drafts.nodeCount[d] === 1 && numbers === 0)
    return `${graph.nodes[drafts.firstNode[d]].node.label ?? definition.title}${suffix}`;
  let best: string | undefined;
  for (let n = drafts.firstNode[d]; n >= 0; n = drafts.nextNode[n]) {
    let base = graph.nodes[n].node.label;
    if (base === undefined) {
      let shown = "";
      for (const name of names) {
        if (typeof params[name] !== "number" || unusedFallback(definition, graph, n, name)) continue;
        shown += shown === "" ? String(params[name]) : `, ${String(params[name])}`;
      }
      base = shown !== "" ? `${definition.title}(${shown})` : definition.title;
    }
    const label = base + suffix;
    if (best === undefined || label < best) best = label;
  }
  return best!;
}

/** A fallback number is unused when its input is connected. */
function unusedFallback(definition: NodeDefinition, graph: WiredGraph, node: number, param: string): boolean {
  const { inputs } = definition;
  const first = graph.inputStart[node];
  for (let q = 0; q < inputs.length; q++) {
    if (inputs[q].fallbackParam && inputs[q].fallbackParam === param && graph.sourceNode[first + q] >= 0)
      return true;
  }
  return false;
}
