import { catalogue } from "@/nodes/catalogue";
import type { OrderRule } from "@/nodes/core/orders";
import { columnsOf } from "@/nodes/core/ports";
import type { Registry } from "@/nodes/core/registry";
import { PLAN_VERSION, type Plan, type PlanStep } from "../plan/schema";

/** Builds a plan by hand, the way the compiler lowers a graph: slots in order, start and ready from warm-ups. */
export class PlanBuilder {
  #slots = 6;
  #ready: number[] = [0, 0, 0, 0, 0, 0];
  readonly #steps: PlanStep[] = [];
  readonly #constants: Plan["constants"] = [];
  readonly #orders: OrderRule[] = [];
  readonly #plots: Plan["plots"] = [];

  constructor(readonly registry: Registry = catalogue) {}

  static readonly time = 0;
  static readonly open = 1;
  static readonly high = 2;
  static readonly low = 3;
  static readonly close = 4;
  static readonly bars = [0, 1, 2, 3, 4, 5];

  constant(value: number): number {
    const slot = this.#slots++;
    this.#constants.push({ slot, value });
    this.#ready[slot] = 0;
    return slot;
  }

  /** Adds a step and returns its output slots. */
  step(op: string, params: Record<string, unknown>, inputs: number[]): number[] {
    const definition = this.registry.get(op);
    const parsed = definition.params.parse(params) as Record<string, unknown>;
    const start = Math.max(0, ...inputs.map((slot) => this.#ready[slot]));
    const ready = start + definition.warmup(parsed);
    const count = definition.outputs.reduce((sum, port) => sum + columnsOf(port.type), 0);
    const outputs = Array.from({ length: count }, () => this.#slots++);
    for (const slot of outputs) this.#ready[slot] = ready;
    this.#steps.push({ op, opVersion: definition.version, params: parsed, inputs, outputs, start, ready });
    return outputs;
  }

  order(rule: Partial<OrderRule> & Pick<OrderRule, "action" | "when">): this {
    this.#orders.push({ orderType: "market", timeInForce: "gtc", ...rule });
    return this;
  }

  plot(slot: number, label: string, pane: "price" | "pane" = "price"): this {
    this.#plots.push({ slot, label, pane, kind: "line" });
    return this;
  }

  build(): Plan {
    const warmup = Math.max(0, ...this.#orders.map((rule) => this.#ready[rule.when]));
    return {
      format: "strata.plan",
      version: PLAN_VERSION,
      feeds: [{ symbol: "", timeframe: "" }],
      slotCount: this.#slots,
      constants: this.#constants,
      steps: this.#steps,
      orders: this.#orders,
      plots: this.#plots,
      warmup,
    };
  }
}
