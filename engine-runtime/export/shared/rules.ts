import type { Distance, OrderRule } from "@/nodes/core/orders";
import type { Model } from "./model";
import type { Program } from "./program";

/** An order rule as plain entries for a target to spell: columns by expression, the rest as values. */
export type RuleValue =
  | { kind: "text"; value: string }
  | { kind: "number"; value: number }
  | { kind: "column"; expression: string }
  | { kind: "object"; entries: [string, RuleValue][] };

/**
 * The rule with slots replaced by the columns' expressions; a distance read from a series becomes
 * `{ mode: "series", values: column }`. Keys keep the plan's names so the runtimes read them alike.
 */
export function ruleEntries(rule: OrderRule, expression: (slot: number) => string): [string, RuleValue][] {
  const entries: [string, RuleValue][] = [
    ["action", { kind: "text", value: rule.action }],
    ["when", { kind: "column", expression: expression(rule.when) }],
    ["orderType", { kind: "text", value: rule.orderType }],
    ["timeInForce", { kind: "text", value: rule.timeInForce }],
  ];
  if (rule.limitPrice !== undefined)
    entries.push(["limitPrice", { kind: "column", expression: expression(rule.limitPrice) }]);
  if (rule.stopPrice !== undefined)
    entries.push(["stopPrice", { kind: "column", expression: expression(rule.stopPrice) }]);
  if (rule.sizing) {
    const sizing: [string, RuleValue][] = Object.entries(rule.sizing).map(([key, value]) => [
      key,
      typeof value === "string" ? { kind: "text", value } : { kind: "number", value: value as number },
    ]);
    entries.push(["sizing", { kind: "object", entries: sizing }]);
  }
  const distance = (value: Distance): RuleValue =>
    value.mode === "slot"
      ? {
          kind: "object",
          entries: [
            ["mode", { kind: "text", value: "series" }],
            ["values", { kind: "column", expression: expression(value.slot) }],
          ],
        }
      : {
          kind: "object",
          entries: [
            ["mode", { kind: "text", value: value.mode }],
            ["value", { kind: "number", value: value.value }],
          ],
        };
  if (rule.stopLoss) entries.push(["stopLoss", distance(rule.stopLoss)]);
  if (rule.takeProfit) entries.push(["takeProfit", distance(rule.takeProfit)]);
  if (rule.trailingStop) entries.push(["trailingStop", distance(rule.trailingStop)]);
  for (const key of ["exitAfterBars", "maxOpenPositions", "cooldownBars"] as const) {
    const value = rule[key];
    if (value !== undefined) entries.push([key, { kind: "number", value }]);
  }
  return entries;
}

/**
 * Each order rule as one line of code under its origin comment, and the computed columns the rules
 * read (so a target fetches only those from its columns function).
 */
export function orderRules(
  model: Model,
  program: Program,
  write: (entries: [string, RuleValue][]) => string,
  commentMark: string,
  indent: string,
): { code: string[]; columns: string[] } {
  const computed = new Set(program.steps.flatMap((step) => step.targets));
  const columns: string[] = [];
  const expression = (slot: number) => {
    const text = program.expression(slot);
    if (computed.has(text) && !columns.includes(text)) columns.push(text);
    return text;
  };
  const code = model.source.plan.orders.flatMap((rule, index) => [
    `${indent}${commentMark} ${model.orderOrigins[index]}`,
    write(ruleEntries(rule, expression)),
  ]);
  return { code, columns };
}
