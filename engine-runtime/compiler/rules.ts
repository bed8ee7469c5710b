import { type OrderRule, orderRuleSchema } from "@/nodes/core/orders";
import { canonicalJson } from "../plan/canonical";
import type { Wire, WiredNode } from "./check";
import { type Diagnostic, explainIssue, nodeName } from "./diagnostics";
import type { Column } from "./draft";
import type { SlotTable } from "./slots";

export interface BuiltRule {
  rule: OrderRule;
  /** The ids of the chain's nodes, entry first. */
  chain: string[];
  /** The rule's canonical JSON: rules are listed in this order, whatever the graph's array order. */
  key: string;
}

/**
 * Each order output nobody reads ends a chain: entry or exit node first, then modifiers. Their
 * patches are applied from the chain's start to its end, a later patch overriding an earlier one.
 */
export function buildRules(
  nodes: readonly WiredNode[],
  orderNodes: readonly WiredNode[],
  values: readonly (Column[][] | undefined)[],
  slots: SlotTable,
  diagnostics: Diagnostic[],
): BuiltRule[] | undefined {
  const built: BuiltRule[] = [];
  let failed = false;
  for (const sink of orderNodes) {
    const ends = sink.definition.outputs.some((port, p) => port.type === "order" && !sink.consumed[p]);
    if (!ends) continue;
    const chain: WiredNode[] = [];
    for (let node: WiredNode | undefined = sink; node; ) {
      chain.unshift(node);
      const p: number = node.definition.inputs.findIndex((port) => port.type === "order");
      const upstream: Wire | undefined = p < 0 ? undefined : node.inputs[p];
      node = upstream ? nodes[upstream.node] : undefined;
    }
    const rule: Record<string, unknown> = {};
    try {
      for (const node of chain) {
        const inputSlots: Record<string, number | undefined> = {};
        node.definition.inputs.forEach((port, p) => {
          const wire = node.inputs[p];
          if (port.type !== "order" && wire)
            inputSlots[port.name] = slots.slotOf(values[wire.node]![wire.port][0]);
        });
        Object.assign(rule, node.definition.order!(node.params, inputSlots));
      }
    } catch (error) {
      failed = true;
      diagnostics.push(invalidOrder(sink, `its order could not be built (${(error as Error).message}).`));
      continue;
    }
    const parsed = orderRuleSchema.safeParse(rule);
    if (!parsed.success) {
      failed = true;
      const issue = parsed.error.issues[0];
      diagnostics.push(
        invalidOrder(sink, `this order is incomplete: ${issue.path.join(".")} ${explainIssue(issue, rule)}.`),
      );
      continue;
    }
    if (parsed.data.sizing?.mode === "riskPercent" && !parsed.data.stopLoss) {
      failed = true;
      diagnostics.push(
        invalidOrder(
          sink,
          "the position is sized by risk but the order has no stop loss. Add a Stop Loss node to the chain.",
        ),
      );
      continue;
    }
    built.push({ rule: parsed.data, chain: chain.map((n) => n.id), key: canonicalJson(parsed.data) });
  }
  if (failed) return undefined;
  return built.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function invalidOrder(node: WiredNode, text: string): Diagnostic {
  return {
    severity: "error",
    code: "invalid-order",
    nodeId: node.id,
    message: `${nodeName(node.id, node.definition)}: ${text}`,
  };
}

/** The slots an order rule reads: its trigger, its prices and any distance given as a series. */
export function slotsRead(rule: OrderRule): number[] {
  const read = [rule.when];
  if (rule.limitPrice !== undefined) read.push(rule.limitPrice);
  if (rule.stopPrice !== undefined) read.push(rule.stopPrice);
  for (const distance of [rule.stopLoss, rule.takeProfit, rule.trailingStop]) {
    if (distance?.mode === "slot") read.push(distance.slot);
  }
  return read;
}
