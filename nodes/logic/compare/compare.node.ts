import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "@/nodes/math/ports";
import { NAN_NOTE, skipWarmUp, withNanTests } from "../ports";

export const COMPARISONS = [">", ">=", "<", "<=", "==", "!="] as const;
type Comparison = (typeof COMPARISONS)[number];

/** A Compare instance: its operator's loop, then the plain loop when an input was NaN or infinite. */
function comparer(op: Comparison, start: number): KernelInstance {
  const loop = loopOf(op);
  return {
    run([a, b], [out], from, to) {
      const first = skipWarmUp(out, from, to, start);
      if (loop(a, b, out, first, to) !== 0) withNanTests(a, b, out, first, to, (x, y) => +holds(op, x, y));
    },
  };
}

/**
 * One hand-written loop per operator, chosen once per instance: a shared loop calling a
 * comparison callback would go megamorphic across instances and slow every Compare node, and one
 * reading each operator's answers from a table by the sign of A − B measured a third slower. Each
 * writes the comparison for bars [from, to) and returns the sum of its NaN gaps (see skipWarmUp).
 */
function loopOf(op: Comparison): typeof greater {
  switch (op) {
    case ">":
      return greater;
    case ">=":
      return greaterOrEqual;
    case "<":
      return less;
    case "<=":
      return lessOrEqual;
    case "==":
      return equal;
    case "!=":
      return notEqual;
  }
}

function greater(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = +(x > y) + gap;
  }
  return gaps;
}

function greaterOrEqual(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = +(x >= y) + gap;
  }
  return gaps;
}

function less(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = +(x < y) + gap;
  }
  return gaps;
}

function lessOrEqual(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = +(x <= y) + gap;
  }
  return gaps;
}

function equal(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = +(x === y) + gap;
  }
  return gaps;
}

function notEqual(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = +(x !== y) + gap;
  }
  return gaps;
}

/** The plain loop, for a range where some input is NaN or infinite. */
function holds(op: Comparison, x: number, y: number): boolean {
  switch (op) {
    case ">":
      return x > y;
    case ">=":
      return x >= y;
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case "==":
      return x === y;
    case "!=":
      return x !== y;
  }
}

export const compare = defineNode({
  type: "logic.compare",
  version: 1,
  title: "Compare",
  category: "logic",
  description: `Turns numbers into true/false by comparing A with B on every bar, e.g. RSI < 30 or close > SMA. Leave B unconnected to compare with a fixed number. Equal (==) means exactly equal, so it suits whole numbers and signals better than prices. ${NAN_NOTE}`,
  inputs: twoNumberInputs,
  outputs: [{ name: "result", type: "bool", label: "Result" }],
  params: z.object({
    op: z
      .enum(COMPARISONS)
      .default(">")
      .describe(
        "How A is compared with B: greater, greater or equal, less, less or equal, equal, not equal.",
      ),
    value: fallbackValue(0),
  }),
  warmup: () => 0,
  formula: { name: "compare", params: ["op"] },
  kernel: ({ op }, { start }) => comparer(op, start),
});
