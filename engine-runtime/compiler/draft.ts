import type { NodeDefinition } from "@/nodes/core/define";
import { BAR_FIELDS, columnsOf } from "@/nodes/core/ports";

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
  /** Per feed, canonical JSON of [symbol, timeframe]. */
  readonly feeds: string[] = [];
  readonly #constantCodes = new Map<number, number>();
  readonly #feedNumbers = new Map<string, number>();

  /** `capacity`: at most this many step columns, the output columns of all nodes. */
  constructor(capacity: number) {
    this.owners = new Int32Array(capacity);
  }

  constant(value: number): number {
    let code = this.#constantCodes.get(value);
    if (code === undefined) {
      code = this.constants.length * 4 + CONST_COLUMN;
      this.constants.push(value);
      this.#constantCodes.set(value, code);
    }
    return code;
  }

  feed(feed: string, field: number): number {
    let number = this.#feedNumbers.get(feed);
    if (number === undefined) {
      number = this.feeds.length;
      this.feeds.push(feed);
      this.#feedNumbers.set(feed, number);
    }
    return (number * BAR_FIELDS.length + field) * 4 + FEED_COLUMN;
  }

  /** Numbers the output columns of a new draft; returns the first. */
  addStep(draft: number, width: number): number {
    const first = this.stepColumns;
    this.owners.fill(draft, first, first + width);
    this.stepColumns += width;
    return first;
  }
}

/**
 * The steps before ordering, one per distinct computation after merging, numbered in the order
 * they are drafted (a draft's number is its serial: the last tie-break of the step order).
 */
export class Drafts {
  count = 0;
  readonly definitions: NodeDefinition[] = [];
  readonly params: Record<string, unknown>[] = [];
  /** canonicalJson(params). */
  readonly paramsJson: string[] = [];
  /** The feed a price-feed step reads (canonical JSON of [symbol, timeframe]), else undefined. */
  readonly feeds: (string | undefined)[] = [];
  /** The head's number: one per op and canonical params. */
  readonly head: Int32Array;
  /** A hash of the whole structure (head and the inputs' structure): the tie-break between equal heads. */
  readonly rank: Float64Array;
  /** Its output columns are the step columns from this one on, port after port. */
  readonly firstColumn: Int32Array;
  /** Its input column codes are inputs[inputStart[d]] up to inputs[inputStart[d + 1]]. */
  readonly inputStart: Int32Array;
  readonly inputs: number[] = [];
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

  /** `nodes`: the graph's node count, which bounds the drafts. */
  constructor(nodes: number) {
    this.head = new Int32Array(nodes);
    this.rank = new Float64Array(nodes);
    this.firstColumn = new Int32Array(nodes);
    this.inputStart = new Int32Array(nodes + 1);
    this.firstNode = new Int32Array(nodes);
    this.nodeCount = new Int32Array(nodes);
    this.#lastNode = new Int32Array(nodes);
    this.nextNode = new Int32Array(nodes).fill(-1);
    this.live = new Uint8Array(nodes);
    this.firstSlot = new Int32Array(nodes);
  }

  /** A new draft for graph node `node`, reading the first `count` of `inputs`; returns its number. */
  add(
    node: number,
    definition: NodeDefinition,
    params: Record<string, unknown>,
    paramsJson: string,
    head: number,
    feed: string | undefined,
    inputs: readonly number[],
    count: number,
  ): number {
    const d = this.count++;
    this.definitions.push(definition);
    this.params.push(params);
    this.paramsJson.push(paramsJson);
    this.feeds.push(feed);
    this.head[d] = head;
    for (let c = 0; c < count; c++) this.inputs.push(inputs[c]);
    this.inputStart[d + 1] = this.inputs.length;
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

/** Indicator and math series are drawn; data, logic and order nodes are not. */
export function isPlotted(definition: NodeDefinition): boolean {
  return definition.category === "indicators" || definition.category === "math";
}

const outputOffsetsCache = new WeakMap<NodeDefinition, Int32Array>();

/**
 * Where each output port's columns start among a definition's output columns; the last entry is
 * their count. Worked out once per definition.
 */
export function outputOffsets(definition: NodeDefinition): Int32Array {
  let offsets = outputOffsetsCache.get(definition);
  if (!offsets) {
    const { outputs } = definition;
    offsets = new Int32Array(outputs.length + 1);
    for (let p = 0; p < outputs.length; p++) offsets[p + 1] = offsets[p] + columnsOf(outputs[p].type);
    outputOffsetsCache.set(definition, offsets);
  }
  return offsets;
}
