import type { NodeDefinition } from "@/nodes/core/define";
import type { Plot } from "../plan/schema";
import { type Draft, isPlotted } from "./draft";
import type { BuiltRule } from "./rules";
import type { SlotTable } from "./slots";

/**
 * Lines for every indicator and math series that runs; signals for what triggers an order (or,
 * before there is any order, for true/false series nobody reads yet).
 */
export function choosePlots(
  steps: readonly Draft[],
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
  for (const draft of steps) {
    const { outputs } = draft.definition;
    for (let p = 0; p < outputs.length; p++) {
      const type = outputs[p].type;
      const slot = draft.slots[draft.outputs[p][0].index];
      if (type === "series" && isPlotted(draft.definition)) add(slot, "line", plotLabel(draft, p));
      if (type !== "bool") continue;
      const unread = !trades && draft.nodes.some((node) => !node.consumed[p]);
      if (unread || triggers.has(slot)) add(slot, "signal", plotLabel(draft, p));
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
function plotLabel(draft: Draft, port: number): string {
  const { definition, params } = draft;
  const names = paramNames(definition);
  let numbers = 0;
  for (const name of names) if (typeof params[name] === "number") numbers++;
  const suffix = definition.outputs.length > 1 ? ` ${definition.outputs[port].label}` : "";
  if (draft.nodes.length === 1 && numbers === 0)
    return `${draft.nodes[0].node.label ?? definition.title}${suffix}`;
  let best: string | undefined;
  for (const node of draft.nodes) {
    let base = node.node.label;
    if (base === undefined) {
      let shown = "";
      for (const name of names) {
        if (typeof params[name] !== "number" || unusedFallback(definition, node, name)) continue;
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
function unusedFallback(definition: NodeDefinition, node: Draft["nodes"][number], param: string): boolean {
  const { inputs } = definition;
  for (let q = 0; q < inputs.length; q++) {
    if (inputs[q].fallbackParam && inputs[q].fallbackParam === param && node.inputs[q]) return true;
  }
  return false;
}

const paramNamesCache = new WeakMap<NodeDefinition, string[]>();

/** A definition's param names in schema order, read once per definition. */
function paramNames(definition: NodeDefinition): string[] {
  let names = paramNamesCache.get(definition);
  if (!names) {
    names = Object.keys(definition.params.shape);
    paramNamesCache.set(definition, names);
  }
  return names;
}
