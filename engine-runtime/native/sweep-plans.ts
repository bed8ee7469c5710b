import type { Registry } from "@/nodes/core/registry";
import type { Plan } from "../plan/schema";

/** A parameter set of a sweep: for some steps (by index), the params that change. */
export type StepParams = Readonly<Record<number, Readonly<Record<string, unknown>>>>;

/**
 * The plan with some steps' params replaced, and every step's start and ready recomputed the way
 * the compiler numbers them (start = the latest ready of its inputs; ready = start + warm-up).
 */
export function withParams(plan: Plan, set: StepParams, registry: Registry): Plan {
  const ready = new Array<number>(plan.slotCount).fill(0);
  const steps = plan.steps.map((step, index) => {
    const change = set[index];
    const found = registry.lookup(step.op);
    if (!found.ok) throw new Error(`Step ${index + 1} of the plan: ${found.reason}`);
    const { definition } = found;
    const parsed = definition.params.safeParse(change ? { ...step.params, ...change } : step.params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `Step ${index + 1} of the plan (${step.op}): the param "${issue?.path.join(".")}" ${issue?.message ?? "is invalid"}.`,
      );
    }
    const params = parsed.data as Record<string, unknown>;
    let start = 0;
    for (const slot of step.inputs) if (ready[slot] > start) start = ready[slot];
    const stepReady = start + definition.warmup(params);
    for (const slot of step.outputs) ready[slot] = stepReady;
    return { ...step, params, start, ready: stepReady };
  });
  for (const index of Object.keys(set)) {
    if (!(Number(index) >= 0 && Number(index) < plan.steps.length)) {
      throw new Error(
        `A sweep set changes step ${Number(index) + 1}, but the plan has ${plan.steps.length} steps.`,
      );
    }
  }
  const read = (rule: Plan["orders"][number]) =>
    [rule.when, rule.limitPrice, rule.stopPrice, rule.stopLoss, rule.takeProfit, rule.trailingStop].flatMap(
      (part) =>
        typeof part === "number" ? [part] : part && part.mode === "slot" ? [part.slot] : ([] as number[]),
    );
  const warmup = Math.max(0, ...plan.orders.flatMap((rule) => read(rule).map((slot) => ready[slot])));
  return { ...plan, steps, warmup };
}
