import { BAR_FIELDS } from "@/nodes/core/ports";
import { ExportError, type Model, Namer, RESERVED, type StepInfo, slotWords } from "./model";
import type { OpWriter } from "./ops";

/** How a runnable target spells the pieces of a strategy's computation. */
export interface Spelling {
  target: string;
  /** The variable holding the run's bars. */
  bars: string;
  casing: (parts: readonly string[]) => string;
  /** A feed column: `bars.close`, `bars["close"]`. */
  feed(field: (typeof BAR_FIELDS)[number]): string;
  /** Six columns as one bars value. */
  barsOf(columns: string[]): string;
  /** A column holding one value on every bar. */
  constant(value: number): string;
  literal(value: number): string;
}

export interface EmittedStep {
  info: StepInfo;
  /** Variables the call's results are assigned to (one per output; several are unpacked). */
  targets: string[];
  call: string;
}

export interface Program {
  steps: EmittedStep[];
  /** The functions and helpers used, in first-use order. */
  ops: OpWriter[];
  helpers: string[];
  expression(slot: number): string;
  namer: Namer;
}

/** Names every column and writes every step's call; throws ExportError naming the node for an op it lacks. */
export function buildProgram(
  model: Model,
  ops: Record<string, OpWriter>,
  spelling: Spelling,
  runtimeNames: readonly string[],
): Program {
  const namer = new Namer(spelling.casing, [
    ...RESERVED,
    ...runtimeNames,
    ...Object.values(ops).map((op) => op.name),
  ]);
  const names = new Map<number, string>();
  const feed = BAR_FIELDS.map((field) => spelling.feed(field));
  for (const [slot, expression] of feed.entries()) names.set(slot, expression);
  const constants = new Map(model.source.plan.constants.map(({ slot, value }) => [slot, value]));
  const expression = (slot: number): string =>
    names.get(slot) ??
    (constants.has(slot) ? spelling.constant(constants.get(slot)!) : spelling.constant(NaN));

  // Bars an op makes (a higher timeframe) are no printed column: the call that makes them is
  // written wherever a step reads them, keyed by their six slots in order.
  const madeBars = new Map<string, string>();
  const usedOps: OpWriter[] = [];
  const helpers: string[] = [];
  const steps: EmittedStep[] = [];
  for (const info of model.steps) {
    const op = ops[info.step.op === "data.barField" ? "data.priceFeed" : info.step.op];
    const who = `${info.name} (step ${info.index + 1}, ${info.definition.title}, op ${info.step.op})`;
    if (!op) {
      throw new ExportError(
        `${who}: the ${spelling.target} export cannot write this op yet. Replace the node or export to another language.`,
      );
    }
    const refusal = op.refuse?.(info) ?? "";
    if (refusal) throw new ExportError(`${who}: the ${spelling.target} export does not support ${refusal}.`);
    if (!usedOps.includes(op)) usedOps.push(op);
    for (const helper of op.helpers ?? []) if (!helpers.includes(helper)) helpers.push(helper);

    const args = info.inputs.map(({ port, slots }) => {
      if (port.type !== "bars") return expression(slots[0]);
      const made = madeBars.get(slots.join(","));
      if (made !== undefined) return made;
      const columns = slots.map(expression);
      return columns.every((column, k) => column === feed[k]) ? spelling.bars : spelling.barsOf(columns);
    });
    const call = op.call(args, info, spelling.literal);

    // Price Feed passes the run's bars through: its bars output is the feed itself.
    const barsOut = info.outputs.filter((output) => output.port.type === "bars");
    if (barsOut.length > 0 && info.step.op === "data.priceFeed") {
      const passThrough = info.step.start === 0 && info.inputs[0]?.slots.every((slot, k) => slot === k);
      if (!passThrough) throw new ExportError(`${who}: only the run's own bars can be exported.`);
      for (const [k, output] of barsOut.entries()) names.set(output.slot, feed[k]);
    } else if (barsOut.length > 0) {
      if (barsOut.length !== info.outputs.length)
        throw new ExportError(`${who}: an op that makes bars and other columns cannot be exported.`);
      madeBars.set(barsOut.map((output) => output.slot).join(","), call);
    }
    const targets = info.outputs
      .filter((output) => output.port.type !== "bars")
      .map((output) => {
        const name = namer.name(slotWords(info, output.port), [output.port.name]);
        names.set(output.slot, name);
        return name;
      });
    steps.push({ info, targets, call });
  }
  return { steps, ops: usedOps, helpers, expression, namer };
}
