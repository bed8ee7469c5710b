import type { NodeDefinition } from "@/nodes/core/define";
import { type OrderRule, orderRuleSchema } from "@/nodes/core/orders";
import { canonicalJson } from "../plan/canonical";
import type { WiredGraph } from "./check";
import { type Diagnostic, explainIssue, nodeName } from "./diagnostics";
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
  graph: WiredGraph,
  orderNodes: readonly number[],
  /** The first column code of a node's output port. */
  values: { first(node: number, port: number): number },
  slots: SlotTable,
  diagnostics: Diagnostic[],
): BuiltRule[] | undefined {
  const { inputStart, sourceNode, sourcePort } = graph;
  const { ids, types } = graph.nodes;
  const built: BuiltRule[] = [];
  let failed = false;
  for (const i of orderNodes) {
    const sink = types[i].definition;
    const ends = sink.outputs.some(
      (port, p) => port.type === "order" && !graph.consumed[graph.outputStart[i] + p],
    );
    if (!ends) continue;
    const chain: number[] = [];
    for (let node = i; node >= 0; ) {
      chain.unshift(node);
      const p = types[node].definition.inputs.findIndex((port) => port.type === "order");
      node = p < 0 ? -1 : sourceNode[inputStart[node] + p];
    }
    const rule: Record<string, unknown> = {};
    try {
      for (const n of chain) {
        const { definition } = types[n];
        const params = graph.nodes.params[n];
        const inputSlots: Record<string, number | undefined> = {};
        definition.inputs.forEach((port, p) => {
          const input = inputStart[n] + p;
          if (port.type !== "order" && sourceNode[input] >= 0)
            inputSlots[port.name] = slots.slotOf(values.first(sourceNode[input], sourcePort[input]));
        });
        Object.assign(rule, definition.order!(params ?? {}, inputSlots));
      }
    } catch (error) {
      failed = true;
      diagnostics.push(
        invalidOrder(ids[i], sink, `its order could not be built (${(error as Error).message}).`),
      );
      continue;
    }
    const parsed = orderRuleSchema.safeParse(rule);
    if (!parsed.success) {
      failed = true;
      const issue = parsed.error.issues[0];
      diagnostics.push(
        invalidOrder(
          ids[i],
          sink,
          `this order is incomplete: ${issue.path.join(".")} ${explainIssue(issue, rule)}.`,
        ),
      );
      continue;
    }
    if (parsed.data.sizing?.mode === "riskPercent" && !parsed.data.stopLoss) {
      failed = true;
      diagnostics.push(
        invalidOrder(
          ids[i],
          sink,
          "the position is sized by risk but the order has no stop loss. Add a Stop Loss node to the chain.",
        ),
      );
      continue;
    }
    built.push({ rule: parsed.data, chain: chain.map((n) => ids[n]), key: canonicalJson(parsed.data) });
  }
  if (failed) return undefined;
  return built.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function invalidOrder(id: string, definition: NodeDefinition, text: string): Diagnostic {
  return {
    severity: "error",
    code: "invalid-order",
    nodeId: id,
    message: `${nodeName(id, definition)}: ${text}`,
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
