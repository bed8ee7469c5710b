import { BAR_FIELDS } from "@/nodes/core/ports";
import { numberText } from "../plan/canonical";
import type { NodeType } from "./definitions";
import type { FlatNodes } from "./expand";

/*
 * Lowering keeps its per-node and per-step data in flat arrays indexed by number rather than in
 * an object each: a 10,000-node graph otherwise spreads tens of thousands of small objects over
 * memory, and the passes that walk them (merging, ordering, slots, plots) slow down more than
 * tenfold from 1,000 to 10,000 nodes as they miss the cache and keep the garbage collector busy.
 */

/**
 * What one column holds at run time, before slots are numbered, as one integer (a column code):
 * the kind in the low two bits, above them a step column's number, a constant's number or a feed
 * column (feed number × 6 + field). Equal columns have equal codes.
 */
export const STEP_COLUMN = 0;
export const CONST_COLUMN = 1;
/** An optional input left unconnected: NaN on every bar. The whole code, as there is one. */
export const NAN_COLUMN = 2;
export const FEED_COLUMN = 3;

export function columnKind(code: number): number {
  return code & 3;
}

/** The step column, constant or feed column a code stands for, numbered within its kind. */
export function columnNumber(code: number): number {
  return code >>> 2;
}

/** The numbering of step columns, constants and feeds of one compile. */
export class ColumnTable {
  /** Per step column, the draft that writes it. */
  readonly owners: Int32Array;
  /** Step columns numbered so far. */
  stepColumns = 0;
  /** Per constant, its value (finite, never -0). */
  readonly constants: number[] = [];
  /** Per constant, its canonical JSON once written: ranks and the plan both need it. */
  readonly #texts: (string | undefined)[] = [];
  /** Per feed, canonical JSON of [symbol, timeframe]. */
  readonly feeds: string[] = [];
  /** Constant number + 1 hashed to each place (or the next free one after it), 0 when free: a Map of numbers costs more. */
  #constantPlaces = new Int32Array(64);
  readonly #feedNumbers = new Map<string, number>();

  /** `capacity`: at most this many step columns, the output columns of all nodes. */
  constructor(capacity: number) {
    this.owners = new Int32Array(capacity);
  }

  /** The code of a constant column holding `value` (finite, never -0). */
  constant(value: number): number {
    const { constants } = this;
    let places = this.#constantPlaces;
    let mask = places.length - 1;
    let at = hashNumber(value) & mask;
    for (; places[at] !== 0; at = (at + 1) & mask) {
      const number = places[at] - 1;
      if (constants[number] === value) return number * 4 + CONST_COLUMN;
    }
    const number = constants.length;
    constants.push(value);
    this.#texts.push(undefined);
    places[at] = number + 1;
    if (2 * constants.length > places.length) {
      places = new Int32Array(2 * places.length);
      mask = places.length - 1;
      for (let n = 0; n < constants.length; n++) {
        let free = hashNumber(constants[n]) & mask;
        while (places[free] !== 0) free = (free + 1) & mask;
        places[free] = n + 1;
      }
      this.#constantPlaces = places;
    }
    return number * 4 + CONST_COLUMN;
  }

  /** The canonical JSON of constant `number`. */
  text(number: number): string {
    let text = this.#texts[number];
    if (text === undefined) {
      text = numberText(this.constants[number]);
      this.#texts[number] = text;
    }
    return text;
  }

  /** The number of a feed (canonical JSON of [symbol, timeframe]), numbering it when new. */
  feedNumber(feed: string): number {
    let number = this.#feedNumbers.get(feed);
    if (number === undefined) {
      number = this.feeds.length;
      this.feeds.push(feed);
      this.#feedNumbers.set(feed, number);
    }
    return number;
  }

  /** The code of field `field` of feed number `feed`. */
  feedColumn(feed: number, field: number): number {
    return (feed * BAR_FIELDS.length + field) * 4 + FEED_COLUMN;
  }

  /** Numbers the output columns of a new draft; returns the first. */
  addStep(draft: number, width: number): number {
    const first = this.stepColumns;
    for (let c = first; c < first + width; c++) this.owners[c] = draft;
    this.stepColumns += width;
    return first;
  }
}

const numberBits = new Float64Array(1);
const numberWords = new Int32Array(numberBits.buffer);

/** A hash of a number's 64 bits, mixed so the low bits the tables use depend on all of them. */
function hashNumber(value: number): number {
  numberBits[0] = value;
  let hash = Math.imul(numberWords[0] ^ Math.imul(numberWords[1], 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * The steps before ordering, one per distinct computation after merging, numbered in the order
 * they are drafted (a draft's number is its serial: the last tie-break of the step order). A
 * draft's type and params are those of its first node, which every node merged into it shares.
 */
export class Drafts {
  count = 0;
  readonly #nodes: FlatNodes;
  /** The feed a price-feed step reads (its number in the column table), else -1. */
  readonly feed: Int32Array;
  /** The head's number: one per op and canonical params. */
  readonly head: Int32Array;
  /** A hash of the whole structure (head and the inputs' structure): the tie-break between equal heads. */
  readonly rank: Float64Array;
  /** The rank's digits before its last eight and its last eight (see highDigits), for readers' ranks. */
  readonly rankHigh: Int32Array;
  readonly rankLow: Int32Array;
  /** Its output columns are the step columns from this one on, port after port. */
  readonly firstColumn: Int32Array;
  /** Its input column codes are inputs[inputStart[d]] up to inputs[inputStart[d + 1]]. */
  readonly inputStart: Int32Array;
  /** Grown as drafts are added: read it after the last. */
  inputs: Int32Array;
  /** The graph nodes merged into it, in the order met: firstNode, then nextNode of each. */
  readonly firstNode: Int32Array;
  readonly nodeCount: Int32Array;
  readonly #lastNode: Int32Array;
  /** Per graph node, the next node of the same draft, or -1. */
  readonly nextNode: Int32Array;
  /** 1 when the step matters: an order or a plot reads it, directly or through other steps. */
  readonly live: Uint8Array;
  /** Its output slots run from this one on, column after column, once the slot table numbers them. */
  readonly firstSlot: Int32Array;

  /** `nodes`: the graph's nodes, whose count bounds the drafts. */
  constructor(nodes: FlatNodes) {
    const count = nodes.count;
    this.#nodes = nodes;
    this.feed = new Int32Array(count).fill(-1);
    this.inputs = new Int32Array(Math.max(16, 2 * count));
    this.head = new Int32Array(count);
    this.rank = new Float64Array(count);
    this.rankHigh = new Int32Array(count);
    this.rankLow = new Int32Array(count);
    this.firstColumn = new Int32Array(count);
    this.inputStart = new Int32Array(count + 1);
    this.firstNode = new Int32Array(count);
    this.nodeCount = new Int32Array(count);
    this.#lastNode = new Int32Array(count);
    this.nextNode = new Int32Array(count).fill(-1);
    this.live = new Uint8Array(count);
    this.firstSlot = new Int32Array(count);
  }

  type(d: number): NodeType {
    return this.#nodes.types[this.firstNode[d]];
  }

  params(d: number): Record<string, unknown> {
    return this.#nodes.params[this.firstNode[d]] ?? {};
  }

  /** A new draft for graph node `node`, reading the first `count` of `inputs`; returns its number. */
  add(node: number, head: number, inputs: readonly number[], count: number): number {
    const d = this.count++;
    this.head[d] = head;
    const start = this.inputStart[d];
    if (start + count > this.inputs.length) {
      const grown = new Int32Array(Math.max(2 * this.inputs.length, start + count));
      grown.set(this.inputs);
      this.inputs = grown;
    }
    for (let c = 0; c < count; c++) this.inputs[start + c] = inputs[c];
    this.inputStart[d + 1] = start + count;
    this.firstNode[d] = node;
    this.#lastNode[d] = node;
    this.nodeCount[d] = 1;
    return d;
  }

  /** Graph node `node` computes the same as draft `d`. */
  merge(d: number, node: number): void {
    this.nextNode[this.#lastNode[d]] = node;
    this.#lastNode[d] = node;
    this.nodeCount[d]++;
  }
}
