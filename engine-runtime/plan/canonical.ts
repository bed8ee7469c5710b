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
      return number(value);
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
  return writePlan(plan);
}

/**
 * planJson, taking each step's canonical params when the caller has them already (the compiler
 * writes them to merge equal steps): `paramsJson[i]` must be canonicalJson(plan.steps[i].params).
 */
export function writePlan(plan: Plan, paramsJson?: readonly string[]): string {
  return decoder.decode(writePlanBytes(plan, paramsJson));
}

/**
 * The UTF-8 bytes of planJson, written straight into one reused buffer: a 10,000-step plan is
 * 2 MB, and building it as a string of 200,000 pieces costs more in garbage collection and in
 * flattening the result than writing the bytes. The view is valid until the next call.
 */
function writePlanBytes(plan: Plan, paramsJson?: readonly string[]): Uint8Array {
  out.length = 0;
  out.text('{"constants":[');
  for (let i = 0; i < plan.constants.length; i++) {
    const constant = plan.constants[i];
    out.text(i > 0 ? ',{"slot":' : '{"slot":');
    out.number(constant.slot);
    out.text(',"value":');
    out.number(constant.value);
    out.byte(0x7d);
  }
  out.text('],"feeds":[');
  for (let i = 0; i < plan.feeds.length; i++) {
    const feed = plan.feeds[i];
    out.text(i > 0 ? ',{"symbol":' : '{"symbol":');
    out.text(JSON.stringify(feed.symbol));
    out.text(',"timeframe":');
    out.text(JSON.stringify(feed.timeframe));
    out.byte(0x7d);
  }
  out.text('],"format":');
  out.text(JSON.stringify(plan.format));
  out.text(',"orders":');
  out.text(canonicalJson(plan.orders));
  out.text(',"plots":[');
  for (let i = 0; i < plan.plots.length; i++) {
    const plot = plan.plots[i];
    if (i > 0) out.byte(0x2c);
    out.copy(encoded(plotHeads, plot.kind, '{"kind":', ',"label":'));
    out.text(JSON.stringify(plot.label));
    out.copy(encoded(plotPanes, plot.pane, ',"pane":', ',"slot":'));
    out.number(plot.slot);
    out.byte(0x7d);
  }
  out.text('],"slotCount":');
  out.number(plan.slotCount);
  out.text(',"steps":[');
  for (let i = 0; i < plan.steps.length; i++) {
    const step = plan.steps[i];
    out.copy(i > 0 ? NEXT_STEP : FIRST_STEP);
    out.numbers(step.inputs);
    out.copy(encoded(stepOps, step.op, '],"op":', ',"opVersion":'));
    out.number(step.opVersion);
    out.copy(OUTPUTS);
    out.numbers(step.outputs);
    out.copy(PARAMS);
    out.text(paramsJson ? paramsJson[i] : canonicalJson(step.params));
    out.copy(READY);
    out.number(step.ready);
    out.copy(START);
    out.number(step.start);
    out.byte(0x7d);
  }
  out.text('],"version":');
  out.number(plan.version);
  out.text(',"warmup":');
  out.number(plan.warmup);
  out.byte(0x7d);
  return out.bytes.subarray(0, out.length);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const FIRST_STEP = encoder.encode('{"inputs":[');
const NEXT_STEP = encoder.encode(',{"inputs":[');
const OUTPUTS = encoder.encode(',"outputs":[');
const PARAMS = encoder.encode('],"params":');
const READY = encoder.encode(',"ready":');
const START = encoder.encode(',"start":');

const stepOps = new Map<string, Uint8Array>();
const plotHeads = new Map<string, Uint8Array>();
const plotPanes = new Map<string, Uint8Array>();

/**
 * The UTF-8 bytes of `before`, the JSON string `value`, then `after`: pieces that repeat from step
 * to step (an op, a plot kind), encoded once per value.
 */
function encoded(cache: Map<string, Uint8Array>, value: string, before: string, after: string): Uint8Array {
  let bytes = cache.get(value);
  if (bytes === undefined) {
    bytes = encoder.encode(before + JSON.stringify(value) + after);
    if (cache.size < 10_000) cache.set(value, bytes);
  }
  return bytes;
}

/** A growable UTF-8 byte buffer for JSON text. */
class JsonBytes {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  byte(value: number): void {
    if (this.length === this.bytes.length) this.#grow(1);
    this.bytes[this.length++] = value;
  }

  copy(source: Uint8Array): void {
    if (this.length + source.length > this.bytes.length) this.#grow(source.length);
    this.bytes.set(source, this.length);
    this.length += source.length;
  }

  /** Appends `text` as UTF-8; JSON text from JSON.stringify holds no lone surrogates. */
  text(text: string): void {
    // Three bytes per UTF-16 unit is the most UTF-8 needs (a surrogate pair: four bytes for two).
    if (this.length + text.length * 3 > this.bytes.length) this.#grow(text.length * 3);
    const bytes = this.bytes;
    let length = this.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        length += encoder.encodeInto(text.slice(i), bytes.subarray(length)).written;
        break;
      }
      bytes[length++] = c;
    }
    this.length = length;
  }

  /** Appends a number as canonicalJson writes it; slot numbers and bar counts take the short way. */
  number(value: number): void {
    if (!(value >= 0 && value <= 0x7fffffff && value === (value | 0))) {
      this.text(number(value));
      return;
    }
    if (this.length + 10 > this.bytes.length) this.#grow(10);
    const bytes = this.bytes;
    let digits = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++;
    let at = this.length + digits;
    this.length = at;
    do {
      bytes[--at] = 48 + (value % 10);
      value = (value / 10) | 0;
    } while (value > 0);
  }

  numbers(values: readonly number[]): void {
    if (values.length === 0) return;
    this.number(values[0]);
    for (let i = 1; i < values.length; i++) {
      this.byte(0x2c);
      this.number(values[i]);
    }
  }

  #grow(needed: number): void {
    const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.length + needed));
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
  }
}

const out = new JsonBytes();

function number(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Canonical JSON has no form for the number ${value}.`);
  return value === 0 ? "0" : String(value);
}

export interface CanonicalPlan {
  json: string;
  /** SHA-256 of the UTF-8 bytes of `json`, hex. */
  hash: string;
}

/**
 * Writes a plan canonically, with its hash. The plan is not validated here: the compiler builds
 * it typed, and the property tests hold every compiled plan to planSchema.
 */
export function canonicalPlan(plan: Plan, paramsJson?: readonly string[]): CanonicalPlan {
  const bytes = writePlanBytes(plan, paramsJson);
  return { json: decoder.decode(bytes), hash: sha256Hex(bytes) };
}
