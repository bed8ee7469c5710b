import { BAR_FIELDS, columnsOf } from "@/nodes/core/ports";
import { canonicalJson } from "../plan/canonical";
import type { Feed, PlanStep, SourceMap } from "../plan/schema";
import type { Column, Draft } from "./draft";
import { keepsPriceUnits } from "./units";

/** Numbers slots: feeds first, then each step's new constants and outputs, in step order. */
export class SlotTable {
  readonly feeds: Feed[];
  readonly constants: { slot: number; value: number }[] = [];
  readonly steps: PlanStep[] = [];
  /** The bar from which each slot holds values. */
  readonly ready: number[] = [];
  /** Whether each slot is in price units (it may overlay the candles). */
  readonly price: boolean[] = [];
  readonly origins: SourceMap["slots"] = [];
  count = 0;
  readonly #feedIndex = new Map<string, number>();
  readonly #constantSlots = new Map<number, number>();
  #nanSlot: number | undefined;

  constructor(ordered: readonly Draft[]) {
    const feeds = new Set<string>();
    for (const draft of ordered) if (draft.feed !== undefined) feeds.add(draft.feed);
    const keys = [...feeds].sort();
    if (keys.length === 0) keys.push(canonicalJson(["", ""]));
    this.feeds = keys.map((key) => {
      const [symbol, timeframe] = JSON.parse(key) as [string, string];
      return { symbol, timeframe };
    });
    keys.forEach((key, f) => {
      this.#feedIndex.set(key, f);
      for (const field of BAR_FIELDS) this.#add(0, field !== "time" && field !== "volume", null);
    });
    for (const draft of ordered) this.#addStep(draft);
  }

  slotOf(column: Column): number {
    switch (column.kind) {
      case "feed":
        return this.#feedIndex.get(column.feed)! * BAR_FIELDS.length + column.field;
      case "const":
        return this.constant(column.value);
      case "nan":
        // A slot that nothing fills holds NaN: an optional input left unconnected.
        this.#nanSlot ??= this.#add(0, false, null);
        return this.#nanSlot;
      case "step":
        return column.step.slots[column.index];
    }
  }

  constant(value: number): number {
    let slot = this.#constantSlots.get(value);
    if (slot === undefined) {
      slot = this.#add(0, false, null);
      this.#constantSlots.set(value, slot);
      this.constants.push({ slot, value });
    }
    return slot;
  }

  #add(ready: number, price: boolean, origin: SourceMap["slots"][number]): number {
    this.ready.push(ready);
    this.price.push(price);
    this.origins.push(origin);
    return this.count++;
  }

  #addStep(draft: Draft): void {
    const { definition, params } = draft;
    const inputs: number[] = new Array(draft.inputs.length);
    let start = 0;
    for (let c = 0; c < inputs.length; c++) {
      const slot = this.slotOf(draft.inputs[c]);
      inputs[c] = slot;
      if (this.ready[slot] > start) start = this.ready[slot];
    }
    const ready = start + definition.warmup(params);
    const price = this.#priceUnits(draft, inputs);
    let origin = draft.nodes[0].id;
    for (const node of draft.nodes) if (node.id < origin) origin = node.id;
    let width = 0;
    for (const columns of draft.outputs) width += columns.length;
    // The step's outputs and the draft's slots are one array: both list the output slots in order.
    const outputs: number[] = new Array(width);
    draft.slots = outputs;
    let c = 0;
    for (let p = 0; p < definition.outputs.length; p++) {
      const port = definition.outputs[p];
      for (let k = 0; k < draft.outputs[p].length; k++) {
        const inPrice = port.type === "bars" ? k >= 1 && k <= 4 : port.type === "series" && price;
        outputs[c++] = this.#add(ready, inPrice, { node: origin, port: port.name });
      }
    }
    this.steps.push({
      op: definition.type,
      opVersion: definition.version,
      params,
      inputs,
      outputs,
      start,
      ready,
    });
  }

  #priceUnits(draft: Draft, inputs: readonly number[]): boolean {
    const { definition, params } = draft;
    if (definition.category === "data") return params.field !== "volume";
    let series = 0;
    let priced = true;
    let k = 0;
    for (const port of definition.inputs) {
      const width = columnsOf(port.type);
      for (let c = 0; c < width; c++, k++) {
        const kind = draft.inputs[k].kind;
        // A bars input's time and volume columns say nothing about its price units.
        if (kind === "nan" || (port.type === "bars" ? c === 0 || c === 5 : kind === "const")) continue;
        series++;
        priced &&= this.price[inputs[k]];
      }
    }
    return keepsPriceUnits(definition.type, series, priced);
  }
}
