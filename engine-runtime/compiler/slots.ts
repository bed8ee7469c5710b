import { BAR_FIELDS, columnsOf } from "@/nodes/core/ports";
import { canonicalJson } from "../plan/canonical";
import type { Feed, PlanStep } from "../plan/schema";
import { arrayOf } from "./arrays";
import {
  CONST_COLUMN,
  type ColumnTable,
  columnKind,
  columnNumber,
  type Drafts,
  FEED_COLUMN,
  NAN_COLUMN,
} from "./draft";
import { keepsPriceUnits } from "./units";

/** Numbers slots: feeds first, then each step's new constants and outputs, in step order. */
export class SlotTable {
  readonly feeds: Feed[];
  /*
   * The lists below are made as long as they can grow (at most one entry per slot or constant of
   * the column table), so they are not copied again and again as they fill; finish() cuts them.
   */
  readonly constants: { slot: number; value: number }[];
  /** The canonical JSON of each constant's value, in the order of `constants`. */
  readonly constantsJson: string[];
  readonly steps: PlanStep[];
  /** The bar from which each slot holds values. */
  readonly ready: Float64Array;
  /** 1 when the slot is in price units (it may overlay the candles). */
  readonly price: Uint8Array;
  count = 0;
  #constantCount = 0;
  readonly #columns: ColumnTable;
  readonly #drafts: Drafts;
  /** Per feed of the column table, the slot of its first field. */
  readonly #feedSlots: Int32Array;
  /** Per constant of the column table, its slot once it has one, else -1. */
  readonly #constantSlots: Int32Array;
  #nanSlot: number | undefined;

  /** `ordered`: the live drafts in step order. */
  constructor(ordered: Int32Array, drafts: Drafts, columns: ColumnTable) {
    this.#columns = columns;
    this.#drafts = drafts;
    this.steps = arrayOf(ordered.length);
    // At most: the feeds' columns, every constant, the NaN slot and every step column.
    const capacity =
      columns.feeds.length * BAR_FIELDS.length + 6 + columns.constants.length + 1 + columns.stepColumns;
    this.ready = new Float64Array(capacity);
    this.price = new Uint8Array(capacity);
    this.constants = arrayOf(columns.constants.length);
    this.constantsJson = arrayOf(columns.constants.length);
    this.#constantSlots = new Int32Array(columns.constants.length).fill(-1);
    this.#feedSlots = new Int32Array(columns.feeds.length).fill(-1);
    const feeds = new Set<string>();
    for (let s = 0; s < ordered.length; s++) {
      const feed = drafts.feed[ordered[s]];
      if (feed >= 0) feeds.add(columns.feeds[feed]);
    }
    const keys = [...feeds].sort();
    if (keys.length === 0) keys.push(canonicalJson(["", ""]));
    this.feeds = keys.map((key) => {
      const [symbol, timeframe] = JSON.parse(key) as [string, string];
      return { symbol, timeframe };
    });
    const slotsOf = new Map(keys.map((key, f) => [key, f * BAR_FIELDS.length]));
    columns.feeds.forEach((feed, f) => {
      this.#feedSlots[f] = slotsOf.get(feed) ?? -1;
    });
    for (let f = 0; f < keys.length; f++) {
      for (const field of BAR_FIELDS) this.#add(0, field !== "time" && field !== "volume");
    }
    for (let s = 0; s < ordered.length; s++) this.steps[s] = this.#step(ordered[s]);
  }

  /** The slot of a column code, numbering a constant or the NaN slot when first read. */
  slotOf(code: number): number {
    const number = columnNumber(code);
    switch (columnKind(code)) {
      case FEED_COLUMN:
        return this.#feedSlots[Math.floor(number / BAR_FIELDS.length)] + (number % BAR_FIELDS.length);
      case CONST_COLUMN: {
        let slot = this.#constantSlots[number];
        if (slot < 0) {
          const value = this.#columns.constants[number];
          slot = this.#add(0, false);
          this.#constantSlots[number] = slot;
          const k = this.#constantCount++;
          this.constants[k] = { slot, value };
          this.constantsJson[k] = this.#columns.text(number);
        }
        return slot;
      }
      case NAN_COLUMN:
        // A slot that nothing fills holds NaN: an optional input left unconnected.
        this.#nanSlot ??= this.#add(0, false);
        return this.#nanSlot;
      default: {
        const d = this.#columns.owners[number];
        return this.#drafts.firstSlot[d] + (number - this.#drafts.firstColumn[d]);
      }
    }
  }

  /** Cuts the lists to what they hold; once every slot is numbered. */
  finish(): void {
    this.constants.length = this.#constantCount;
    this.constantsJson.length = this.#constantCount;
  }

  #add(ready: number, price: boolean): number {
    this.ready[this.count] = ready;
    this.price[this.count] = price ? 1 : 0;
    return this.count++;
  }

  /** Numbers the slots of draft `d`, the next step in step order, and writes the step. */
  #step(d: number): PlanStep {
    const drafts = this.#drafts;
    const type = drafts.type(d);
    const { definition } = type;
    const params = drafts.params(d);
    const first = drafts.inputStart[d];
    const inputs = slotList(drafts.inputStart[d + 1] - first);
    let start = 0;
    for (let c = 0; c < inputs.length; c++) {
      const slot = this.slotOf(drafts.inputs[first + c]);
      inputs[c] = slot;
      if (this.ready[slot] > start) start = this.ready[slot];
    }
    const ready = start + definition.warmup(params);
    const price = this.#priceUnits(d, inputs);
    const offsets = type.outputOffsets;
    // The step's outputs are its slots, numbered in order from here.
    const outputs = slotList(type.outputColumns);
    drafts.firstSlot[d] = this.count;
    let c = 0;
    for (let p = 0; p < definition.outputs.length; p++) {
      const port = definition.outputs[p];
      for (let k = 0; k < offsets[p + 1] - offsets[p]; k++) {
        const inPrice = port.type === "bars" ? k >= 1 && k <= 4 : port.type === "series" && price;
        outputs[c++] = this.#add(ready, inPrice);
      }
    }
    return {
      op: definition.type,
      opVersion: definition.version,
      params,
      inputs,
      outputs,
      start,
      ready,
    };
  }

  #priceUnits(d: number, inputs: readonly number[]): boolean {
    const drafts = this.#drafts;
    const type = drafts.type(d);
    const { definition } = type;
    if (definition.category === "data") return drafts.params(d).field !== "volume";
    const codes = drafts.inputs;
    const first = drafts.inputStart[d];
    let series = 0;
    let priced = true;
    let k = 0;
    for (const port of definition.inputs) {
      const width = columnsOf(port.type);
      for (let c = 0; c < width; c++, k++) {
        const kind = columnKind(codes[first + k]);
        // A bars input's time and volume columns say nothing about its price units.
        if (kind === NAN_COLUMN || (port.type === "bars" ? c === 0 || c === 5 : kind === CONST_COLUMN))
          continue;
        series++;
        priced &&= this.price[inputs[k]] === 1;
      }
    }
    return keepsPriceUnits(type.priceRule, series, priced);
  }
}

/** A list of `length` slots to fill: array literals for the usual one or two, far cheaper than new Array(n). */
function slotList(length: number): number[] {
  if (length === 1) return [0];
  if (length === 2) return [0, 0];
  return new Array(length);
}
