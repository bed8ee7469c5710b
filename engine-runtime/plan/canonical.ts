import type { Plan } from "./schema";
import { sha256Hex } from "./sha256";

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, keys whose value is undefined
 * left out, numbers in ECMAScript's shortest round-trip form with -0 written as 0. Every engine and
 * every machine that writes a value this way writes the same bytes.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "number":
      return numberText(value);
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let text = "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) text += ",";
          text += canonicalJson(value[i] ?? null);
        }
        return `${text}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length > 1) keys.sort();
      let text = "";
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        text += (text === "" ? "{" : ",") + quoted(key) + canonicalJson(item);
      }
      return text === "" ? "{}" : `${text}}`;
    }
    default:
      throw new Error(`Canonical JSON has no form for a ${typeof value}.`);
  }
}

const quotedKeys = new Map<string, string>();

/** Keys repeat across a plan (every step has the same seven), so each is quoted once, with its colon. */
function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < 10_000) quotedKeys.set(key, text);
  }
  return text;
}

/**
 * canonicalJson of a plan, written field by field: a 10,000-step plan is the bulk of compile time
 * when walked generically. Gives exactly the bytes canonicalJson gives (a property test holds
 * them equal); keys below are in sorted order.
 */
export function planJson(plan: Plan): string {
  return decodeBytes(writePlanBytes(plan));
}

/*
 * The plan's UTF-8 bytes are written straight into one buffer kept from plan to plan: a
 * 10,000-step plan is 2 MB, and building it as a string of 200,000 pieces costs more in garbage
 * collection and in flattening the result than writing the bytes. Each write below takes the
 * buffer and the place to write at and returns the place after; before each item the buffer is
 * made room for as much as the item can take, so the writes never check.
 */
let buffer = new Uint8Array(1 << 16);
/** The buffer, for writing four or eight bytes at once. */
let words = new DataView(buffer.buffer);
/** Whether the bytes written hold only ASCII: then they decode as Latin-1, the quickest way. */
let ascii = true;

/** The buffer, grown (contents kept) when fewer than `more` bytes are free after `at`. */
function room(at: number, more: number): Uint8Array {
  if (at + more + WORD_SLACK > buffer.length) {
    const grown = new Uint8Array(Math.max(buffer.length * 2, at + more + WORD_SLACK));
    grown.set(buffer.subarray(0, at));
    buffer = grown;
    words = new DataView(buffer.buffer);
    nodeView = undefined;
  }
  return buffer;
}

/** Bytes past an item that whole-word writes (pieces, numbers) may write and the next write overwrites. */
const WORD_SLACK = 8;

/** Room that a piece of text written by `text` can take: three bytes per UTF-16 unit at most. */
function textRoom(text: string): number {
  return text.length * 3;
}

/** Room for a number written by `number`: an integer, or the longest shortest round-trip form. */
const NUMBER_ROOM = 25;

/** Parts of a plan's canonical JSON that the compiler has written already, as it needed them too. */
export interface WrittenParts {
  /** canonicalJson(plan.steps[i].params), per step. */
  params: readonly string[];
  /** canonicalJson(plan.constants[i].value), per constant. */
  constants: readonly string[];
}

/** The UTF-8 bytes of planJson(plan), in the buffer from 0 up to the returned length. */
function writePlanBytes(plan: Plan, written?: WrittenParts): number {
  ascii = true;
  let b = room(0, 64);
  let at = piece(0, CONSTANTS);
  for (let i = 0; i < plan.constants.length; i++) {
    const constant = plan.constants[i];
    const value = written?.constants[i];
    b = room(at, 2 * NUMBER_ROOM + (value === undefined ? NUMBER_ROOM : textRoom(value)) + 32);
    at = piece(at, i > 0 ? NEXT_CONSTANT : FIRST_CONSTANT);
    at = number(b, at, constant.slot);
    at = piece(at, VALUE);
    at = value === undefined ? number(b, at, constant.value) : text(b, at, value);
    b[at++] = 0x7d;
  }
  b = room(at, 16);
  at = piece(at, FEEDS);
  for (let i = 0; i < plan.feeds.length; i++) {
    const feed = plan.feeds[i];
    b = room(at, 6 * (feed.symbol.length + feed.timeframe.length) + 40);
    at = piece(at, i > 0 ? NEXT_FEED : FIRST_FEED);
    at = string(b, at, feed.symbol);
    at = piece(at, TIMEFRAME);
    at = string(b, at, feed.timeframe);
    b[at++] = 0x7d;
  }
  const orders = canonicalJson(plan.orders);
  b = room(at, 6 * plan.format.length + textRoom(orders) + 48);
  at = piece(at, FORMAT);
  at = string(b, at, plan.format);
  at = piece(at, ORDERS);
  at = text(b, at, orders);
  at = piece(at, PLOTS);
  for (let i = 0; i < plan.plots.length; i++) {
    const plot = plan.plots[i];
    const head =
      plot.kind === "line" ? LINE_HEAD : cachedPiece(plotHeads, plot.kind, '{"kind":', ',"label":');
    const pane =
      plot.pane === "price"
        ? PRICE_PANE
        : plot.pane === "pane"
          ? PANE_PANE
          : cachedPiece(plotPanes, plot.pane, ',"pane":', ',"slot":');
    b = room(at, head.length + 6 * plot.label.length + pane.length + NUMBER_ROOM + 4);
    if (i > 0) b[at++] = 0x2c;
    at = piece(at, head);
    at = string(b, at, plot.label);
    at = piece(at, pane);
    at = number(b, at, plot.slot);
    b[at++] = 0x7d;
  }
  b = room(at, NUMBER_ROOM + 32);
  at = piece(at, SLOT_COUNT);
  at = number(b, at, plan.slotCount);
  at = piece(at, STEPS);
  for (let i = 0; i < plan.steps.length; i++) {
    const step = plan.steps[i];
    const { inputs, outputs } = step;
    const op = opPiece(step.op, step.opVersion);
    const params = written ? written.params[i] : canonicalJson(step.params);
    b = room(at, op.length + textRoom(params) + (inputs.length + outputs.length + 3) * NUMBER_ROOM + 64);
    at = piece(at, i > 0 ? NEXT_STEP : FIRST_STEP);
    at = numbers(b, at, inputs);
    at = piece(at, op);
    at = numbers(b, at, outputs);
    at = piece(at, PARAMS);
    at = text(b, at, params);
    at = piece(at, READY);
    at = number(b, at, step.ready);
    at = piece(at, START);
    at = number(b, at, step.start);
    b[at++] = 0x7d;
  }
  b = room(at, 2 * NUMBER_ROOM + 32);
  at = piece(at, VERSION);
  at = number(b, at, plan.version);
  at = piece(at, WARMUP);
  at = number(b, at, plan.warmup);
  b[at++] = 0x7d;
  return at;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A fixed piece of the plan's text (keys and punctuation) as UTF-8, ready to be written eight
 * bytes at a time: over half the bytes of a plan are such pieces, and they are most of the time
 * spent writing one.
 */
class Piece {
  /**
   * The bytes as little-endian float64 words, the last one padded with zeros; undefined unless
   * every byte is ASCII. A float64 store gives back a word's bytes exactly unless they make a NaN,
   * whose last two bytes are 0xf0 or more, then 0x7f or 0xff: never both below 0x80, as ASCII is.
   */
  readonly doubles: Float64Array | undefined;
  /** The same bytes as int32 words, for a piece that is not all ASCII. */
  readonly words: Int32Array;
  readonly length: number;

  constructor(text: string) {
    const bytes = encoder.encode(text);
    this.length = bytes.length;
    const padded = new Uint8Array(8 * Math.ceil(bytes.length / 8));
    padded.set(bytes);
    this.words = new Int32Array(padded.buffer);
    this.doubles = bytes.every((byte) => byte < 0x80) ? new Float64Array(padded.buffer) : undefined;
  }
}

/**
 * Writes whole words, so up to seven bytes past the piece (the padding) are written too: the
 * next write overwrites them, and room() keeps WORD_SLACK bytes free for them at the end.
 */
function piece(at: number, piece: Piece): number {
  const view = words;
  const { doubles } = piece;
  if (doubles !== undefined) {
    for (let w = 0; w < doubles.length; w++) view.setFloat64(at + 8 * w, doubles[w], true);
  } else {
    const whole = piece.words;
    for (let w = 0; w < whole.length; w++) view.setInt32(at + 4 * w, whole[w], true);
  }
  return at + piece.length;
}

const CONSTANTS = new Piece('{"constants":[');
const FIRST_CONSTANT = new Piece('{"slot":');
const NEXT_CONSTANT = new Piece(',{"slot":');
const VALUE = new Piece(',"value":');
const FEEDS = new Piece('],"feeds":[');
const FIRST_FEED = new Piece('{"symbol":');
const NEXT_FEED = new Piece(',{"symbol":');
const TIMEFRAME = new Piece(',"timeframe":');
const FORMAT = new Piece('],"format":');
const ORDERS = new Piece(',"orders":');
const PLOTS = new Piece(',"plots":[');
const SLOT_COUNT = new Piece('],"slotCount":');
const STEPS = new Piece(',"steps":[');
const FIRST_STEP = new Piece('{"inputs":[');
const NEXT_STEP = new Piece(',{"inputs":[');
const PARAMS = new Piece('],"params":');
const READY = new Piece(',"ready":');
const START = new Piece(',"start":');
const VERSION = new Piece('],"version":');
const LINE_HEAD = new Piece('{"kind":"line","label":');
const PRICE_PANE = new Piece(',"pane":"price","slot":');
const PANE_PANE = new Piece(',"pane":"pane","slot":');
const WARMUP = new Piece(',"warmup":');

/** Per op, its version and the piece from the end of a step's inputs to the start of its outputs. */
const stepOps = new Map<string, { version: number; piece: Piece }>();

/** `],"op":"<op>","opVersion":<version>,"outputs":[`, made once per op. */
function opPiece(op: string, version: number): Piece {
  let known = stepOps.get(op);
  if (known === undefined || known.version !== version) {
    known = {
      version,
      piece: new Piece(`],"op":${JSON.stringify(op)},"opVersion":${numberText(version)},"outputs":[`),
    };
    if (stepOps.size < 10_000) stepOps.set(op, known);
  }
  return known.piece;
}

const plotHeads = new Map<string, Piece>();
const plotPanes = new Map<string, Piece>();

/** `before`, the JSON string `value`, then `after`: made once per value (a plot kind, a pane). */
function cachedPiece(cache: Map<string, Piece>, value: string, before: string, after: string): Piece {
  let made = cache.get(value);
  if (made === undefined) {
    made = new Piece(before + JSON.stringify(value) + after);
    if (cache.size < 10_000) cache.set(value, made);
  }
  return made;
}

/** JSON text as UTF-8; JSON text from JSON.stringify holds no lone surrogates. */
function text(b: Uint8Array, at: number, json: string): number {
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      return at + encoder.encodeInto(json.slice(i), b.subarray(at)).written;
    }
    b[at++] = c;
  }
  return at;
}

/** A string as JSON.stringify writes it; needs six bytes of room per UTF-16 unit and two. */
function string(b: Uint8Array, at: number, value: string): number {
  const start = at;
  b[at++] = 0x22;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // Quotes, backslashes, control characters and anything beyond ASCII: JSON.stringify decides.
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) return text(b, start, JSON.stringify(value));
    b[at++] = c;
  }
  b[at++] = 0x22;
  return at;
}

/**
 * The ASCII digits of 0 to 9,999 as little-endian 32-bit words, as written (DIGITS) and padded with
 * zeros to four (FOUR_DIGITS): a slot number is written in one or two stores, not digit by digit.
 */
const DIGITS = new Int32Array(10_000);
const FOUR_DIGITS = new Int32Array(10_000);
for (let n = 0; n < 10_000; n++) {
  const text = String(n);
  const padded = text.padStart(4, "0");
  for (let i = 0; i < 4; i++) {
    if (i < text.length) DIGITS[n] |= text.charCodeAt(i) << (8 * i);
    FOUR_DIGITS[n] |= padded.charCodeAt(i) << (8 * i);
  }
}

function digitCount(value: number): number {
  return value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
}

/**
 * A number as canonicalJson writes it; slot numbers and bar counts take the short way, which
 * writes whole words and so needs four bytes of room past the number.
 */
function number(b: Uint8Array, at: number, value: number): number {
  if (!(value >= 0 && value <= 0x7fffffff && value === (value | 0))) return text(b, at, numberText(value));
  // As an int32 from here: division of a double is slower.
  const whole = value | 0;
  const view = words;
  if (whole < 10_000) {
    view.setInt32(at, DIGITS[whole], true);
    return at + digitCount(whole);
  }
  const high = (whole / 10_000) | 0;
  const low = whole - high * 10_000;
  if (high < 10_000) {
    view.setInt32(at, DIGITS[high], true);
    at += digitCount(high);
  } else {
    const top = (high / 10_000) | 0;
    view.setInt32(at, DIGITS[top], true);
    at += digitCount(top);
    view.setInt32(at, FOUR_DIGITS[high - top * 10_000], true);
    at += 4;
  }
  view.setInt32(at, FOUR_DIGITS[low], true);
  return at + 4;
}

function numbers(b: Uint8Array, at: number, values: readonly number[]): number {
  for (let i = 0; i < values.length; i++) {
    if (i > 0) b[at++] = 0x2c;
    at = number(b, at, values[i]);
  }
  return at;
}

/** Node's Buffer, reached without an import (bundles never pull it in), for its Latin-1 decoder. */
interface NodeBuffer {
  from(
    buffer: ArrayBufferLike,
    offset: number,
    length: number,
  ): { latin1Slice(start: number, end: number): string };
}
const nodeBuffer: NodeBuffer | undefined = (() => {
  try {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return (host?.getBuiltinModule?.("node:buffer") as { Buffer?: NodeBuffer } | undefined)?.Buffer;
  } catch {
    return undefined;
  }
})();
/** The buffer as a Node Buffer, made again when the buffer grows. */
let nodeView: ReturnType<NodeBuffer["from"]> | undefined;

/** The text of the buffer's first `length` bytes. */
function decodeBytes(length: number): string {
  if (ascii && nodeBuffer) {
    nodeView ??= nodeBuffer.from(buffer.buffer, buffer.byteOffset, buffer.length);
    return nodeView.latin1Slice(0, length);
  }
  return decoder.decode(buffer.subarray(0, length));
}

/*
 * Texts of fractional numbers written lately: params, constants and labels repeat them, and each
 * is slow to write. An open-addressing table by the number's bits, cleared when half full: a Map
 * of numbers costs several times more per lookup. It holds up to 8,192 texts, small enough to
 * stay in the processor's cache: a larger table cost a trip to memory for most lookups.
 */
const FRACTION_PLACES = 1 << 14;
const fractionValues = new Float64Array(FRACTION_PLACES);
const fractionTexts: (string | undefined)[] = new Array(FRACTION_PLACES).fill(undefined);
let fractionCount = 0;
const bits = new Float64Array(1);
const bitWords = new Int32Array(bits.buffer);

/** Texts of the whole numbers 0 to 9,999 once written: periods and counts, written again and again. */
const smallIntegerTexts: (string | undefined)[] = new Array(10_000).fill(undefined);

/** A finite number as canonical JSON writes it: shortest round-trip form, -0 as 0. */
export function numberText(value: number): string {
  if (Number.isInteger(value)) {
    if (value >= 0 && value < 10_000) {
      let text = smallIntegerTexts[value];
      if (text === undefined) {
        text = String(value);
        smallIntegerTexts[value] = text;
      }
      return text;
    }
    if (Number.isFinite(value)) return String(value);
  }
  if (!Number.isFinite(value)) throw new Error(`Canonical JSON has no form for the number ${value}.`);
  bits[0] = value;
  // The two words mixed (murmur3's finish) so the low bits the table uses depend on all 64.
  let hash = bitWords[0] ^ Math.imul(bitWords[1], 0x9e3779b1);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;
  let at = hash & (FRACTION_PLACES - 1);
  for (; fractionTexts[at] !== undefined; at = (at + 1) & (FRACTION_PLACES - 1))
    if (fractionValues[at] === value) return fractionTexts[at]!;
  if (2 * fractionCount >= FRACTION_PLACES) {
    fractionTexts.fill(undefined);
    fractionCount = 0;
  }
  const text = String(value);
  fractionValues[at] = value;
  fractionTexts[at] = text;
  fractionCount++;
  return text;
}

/**
 * SHA-256 of the plan's canonical JSON, hex: the plan's identity. The bytes are hashed as written,
 * never decoded to a string (a 10,000-step plan's JSON is 2 MB that a compile has no use for; the
 * few callers that store or print the JSON ask planJson). The plan is not validated here: the
 * compiler builds it typed, and the property tests hold every compiled plan to planSchema.
 */
export function planHash(plan: Plan, written?: WrittenParts): string {
  const length = writePlanBytes(plan, written);
  return sha256Hex(buffer.subarray(0, length));
}
