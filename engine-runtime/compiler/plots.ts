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
  const numbers = paramNames(definition).filter((name) => typeof params[name] === "number");
  if (draft.nodes.length === 1 && numbers.length === 0) {
    const base = draft.nodes[0].node.label ?? definition.title;
    return definition.outputs.length > 1 ? `${base} ${definition.outputs[port].label}` : base;
  }
  const labels = draft.nodes.map((node) => {
    const unused = new Set(
      definition.inputs.flatMap((input, q) =>
        input.fallbackParam && node.inputs[q] ? [input.fallbackParam] : [],
      ),
    );
    const shown = numbers.filter((name) => !unused.has(name)).map((name) => String(params[name]));
    const base =
      node.node.label ?? (shown.length > 0 ? `${definition.title}(${shown.join(", ")})` : definition.title);
    return definition.outputs.length > 1 ? `${base} ${definition.outputs[port].label}` : base;
  });
  return labels.sort()[0];
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
