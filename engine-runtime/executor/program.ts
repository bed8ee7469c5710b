import type { KernelInstance } from "@/nodes/core/define";
import type { Registry } from "@/nodes/core/registry";
import type { Plan } from "../plan/schema";

/**
 * A plan made runnable: one fresh kernel instance per step (creating instances is how kernels
 * reset) and, once columns are bound, each step's input and output columns. Columns are bound
 * again whenever they are reallocated, because kernels never keep array references between calls.
 */
export class PlanProgram {
  readonly instances: KernelInstance[];
  inputs: Float64Array[][] = [];
  outputs: Float64Array[][] = [];

  constructor(
    readonly plan: Plan,
    registry: Registry,
  ) {
    if (plan.feeds.length > 1) {
      const extra = plan.feeds
        .slice(1)
        .map((feed) => `${feed.symbol || "this market"} ${feed.timeframe || "this timeframe"}`.trim())
        .join(", ");
      throw new Error(
        `This plan reads more than one price feed (${extra}); the engine runs plans on one feed only.`,
      );
    }
    this.instances = plan.steps.map((step, index) => {
      const found = registry.lookup(step.op);
      if (!found.ok) throw new Error(`Step ${index + 1} of the plan: ${found.reason}`);
      const { definition } = found;
      if (!definition.kernel)
        throw new Error(`Step ${index + 1} of the plan: "${step.op}" computes no values.`);
      return definition.kernel(definition.params.parse(step.params), { start: step.start });
    });
  }

  /**
   * Allocates every slot for `length` bars, fills the constants and binds the steps to them.
   * With `take`, the slots after the feed come from it (batch runs reuse pooled columns).
   */
  allocate(
    length: number,
    feed: readonly Float64Array[] | null,
    take: (length: number) => Float64Array = (n) => new Float64Array(n),
  ): Float64Array[] {
    const columns: Float64Array[] = [];
    for (let slot = 0; slot < this.plan.slotCount; slot++) {
      columns.push(feed && slot < feed.length ? feed[slot] : take(length));
    }
    for (const { slot, value } of this.plan.constants) columns[slot].fill(value);
    this.bind(columns);
    return columns;
  }

  bind(columns: readonly Float64Array[]): void {
    this.inputs = this.plan.steps.map((step) => step.inputs.map((slot) => columns[slot]));
    this.outputs = this.plan.steps.map((step) => step.outputs.map((slot) => columns[slot]));
  }

  /** Computes every step for bars [from, to), in plan order. */
  run(from: number, to: number): void {
    const { instances, inputs, outputs } = this;
    for (let k = 0; k < instances.length; k++) instances[k].run(inputs[k], outputs[k], from, to);
  }
}
