import type { OrderRule } from "@/nodes/core/orders";
import type { Plan } from "../plan/schema";

/** A feature (named by a 32-bit hash) and how much of it a plan has; hashing turns the list into a vector. */
export interface Feature {
  hash: number;
  weight: number;
}

export interface PlanFeatures {
  /** Weisfeiler-Lehman subtree labels of the step DAG: what is computed from what. No params. */
  structure: Feature[];
  /** Params in soft log-scale buckets, named by the node type and param they belong to. */
  params: Feature[];
}

/** Rounds of Weisfeiler-Lehman relabelling: a label at round h describes the computation h steps deep. */
export const WL_ROUNDS = 3;
/** A changed period moves a plan visibly, but less than a change in what is computed from what. */
const PARAM_WEIGHT = 1.5;
/** Width of a param bucket on a log scale: 14 and 15 share buckets, 14 and 50 do not. */
const BUCKETS_PER_E_FOLD = 4;

const BAR_FIELDS = ["time", "open", "high", "low", "close", "volume"];

/**
 * The features of a plan. Vertices are feeds, constants, steps and order rules; a vertex's label
 * at round h folds in, in port order, the round h−1 labels of whatever fills each of its inputs
 * (and which output of it). Labels are 32-bit hashes from round 0 on, so a round costs a few
 * multiplications per edge and no strings. Params stay out of the labels: two strategies built
 * alike share every structural feature, whatever their periods.
 */
export function planFeatures(plan: Plan): PlanFeatures {
  const structure: Feature[] = [{ hash: stringHash(`feeds:${plan.feeds.length}`), weight: 1 }];
  const base = initialSlotLabels(plan);
  let steps = plan.steps.map((s) => stringHash(`op:${s.op}`));
  let orders = plan.orders.map((o) => stringHash(orderLabel(o)));
  const emit = (labels: number[], round: number) => {
    for (const label of labels) structure.push({ hash: finish(mix(label, round)), weight: 1 });
  };
  emit(steps, 0);
  emit(orders, 0);
  for (let round = 1; round <= WL_ROUNDS; round++) {
    const slots = base.slice();
    plan.steps.forEach((s, i) => {
      s.outputs.forEach((slot, port) => {
        slots[slot] = mix(mix(OUTPUT_SALT, steps[i]), port);
      });
    });
    steps = plan.steps.map((s, i) => relabel(steps[i], s.inputs, slots));
    orders = plan.orders.map((o, i) => relabel(orders[i], orderInputs(o), slots));
    emit(steps, round);
    emit(orders, round);
  }

  const params: Feature[] = [];
  for (const step of plan.steps) {
    for (const key of Object.keys(step.params)) paramFeatures(`${step.op}.${key}`, step.params[key], params);
  }
  for (const order of plan.orders) orderParamFeatures(order, params);
  return { structure, params };
}

function relabel(label: number, inputs: readonly number[], slots: Int32Array): number {
  let h = label;
  for (const slot of inputs) h = mix(h, slots[slot]);
  return finish(h);
}

/** What a slot holds before any step runs: a bar field of a feed, a constant, or nothing. */
function initialSlotLabels(plan: Plan): Int32Array {
  const labels = new Int32Array(plan.slotCount).fill(stringHash("empty"));
  for (let f = 0; f < plan.feeds.length; f++) {
    for (let k = 0; k < BAR_FIELDS.length; k++) {
      if (f * 6 + k < labels.length) labels[f * 6 + k] = stringHash(`feed.${BAR_FIELDS[k]}`);
    }
  }
  const constant = stringHash("const");
  for (const c of plan.constants) labels[c.slot] = constant;
  return labels;
}

function orderLabel(order: OrderRule): string {
  const parts = [`order:${order.action}`, order.orderType];
  for (const key of ["sizing", "stopLoss", "takeProfit", "trailingStop"] as const) {
    const value = order[key];
    if (value) parts.push(`${key}.${value.mode}`);
  }
  for (const key of ["exitAfterBars", "maxOpenPositions", "cooldownBars"] as const) {
    if (order[key] !== undefined) parts.push(key);
  }
  return parts.join(":");
}

function orderInputs(order: OrderRule): number[] {
  const slots = [order.when];
  if (order.limitPrice !== undefined) slots.push(order.limitPrice);
  if (order.stopPrice !== undefined) slots.push(order.stopPrice);
  for (const d of [order.stopLoss, order.takeProfit, order.trailingStop]) {
    if (d?.mode === "slot") slots.push(d.slot);
  }
  return slots;
}

function orderParamFeatures(order: OrderRule, features: Feature[]): void {
  const prefix = `order.${order.action}`;
  if (order.sizing) {
    const { mode, ...amount } = order.sizing;
    for (const [key, value] of Object.entries(amount)) {
      paramFeatures(`${prefix}.sizing.${mode}.${key}`, value, features);
    }
  }
  for (const key of ["stopLoss", "takeProfit", "trailingStop"] as const) {
    const d = order[key];
    if (d && d.mode !== "slot") paramFeatures(`${prefix}.${key}.${d.mode}`, d.value, features);
  }
  for (const key of ["exitAfterBars", "maxOpenPositions", "cooldownBars"] as const) {
    const value = order[key];
    if (value !== undefined) paramFeatures(`${prefix}.${key}`, value, features);
  }
}

/**
 * A number goes into two neighbouring buckets of a log scale, weighted by how close it is to
 * each (soft binning): nearby values share most of their weight, distant ones none of it.
 * Anything else (an enum, a flag, a symbol) is a category of its own.
 */
function paramFeatures(name: string, value: unknown, features: Feature[]): void {
  const prefix = stringHash(name);
  if (typeof value === "number" && Number.isFinite(value)) {
    const position = Math.sign(value) * Math.log1p(Math.abs(value)) * BUCKETS_PER_E_FOLD;
    const low = Math.floor(position);
    const fraction = position - low;
    features.push({
      hash: finish(mix(mix(prefix, NUMBER_SALT), low)),
      weight: PARAM_WEIGHT * (1 - fraction),
    });
    if (fraction > 0) {
      features.push({
        hash: finish(mix(mix(prefix, NUMBER_SALT), low + 1)),
        weight: PARAM_WEIGHT * fraction,
      });
    }
    return;
  }
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  features.push({ hash: finish(mix(prefix, fnv1a(text))), weight: PARAM_WEIGHT });
}

const OUTPUT_SALT = 0x2545f491;
const NUMBER_SALT = 0x6a09e667;

/** Hashes of the few strings every plan repeats (op names, param names), computed once per process. */
const known = new Map<string, number>();
const MAX_KNOWN = 10_000;

function stringHash(text: string): number {
  let hash = known.get(text);
  if (hash === undefined) {
    hash = fnv1a(text);
    if (known.size < MAX_KNOWN) known.set(text, hash);
  }
  return hash;
}

/** One MurmurHash3 round: folds `value` into `hash`. */
function mix(hash: number, value: number): number {
  let v = Math.imul(value, 0xcc9e2d51);
  v = (v << 15) | (v >>> 17);
  v = Math.imul(v, 0x1b873593);
  let h = hash ^ v;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser: every input bit reaches every output bit. */
function finish(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** FNV-1a over UTF-16 code units, finalised: deterministic on every platform. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return finish(hash);
}
