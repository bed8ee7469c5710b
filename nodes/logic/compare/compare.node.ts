import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "@/nodes/math/ports";
import { NAN_NOTE, skipWarmUp } from "../ports";

export const COMPARISONS = [">", ">=", "<", "<=", "==", "!="] as const;
type Comparison = (typeof COMPARISONS)[number];

/**
 * One hand-written loop per operator, chosen once per instance: a shared loop calling a
 * comparison callback would go megamorphic across instances and slow every Compare node.
 */
function comparer(op: Comparison, start: number): KernelInstance {
  switch (op) {
    case ">":
      return {
        run([a, b], [out], from, to) {
          for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
            const x = a[i];
            const y = b[i];
            out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x > y);
          }
        },
      };
    case ">=":
      return {
        run([a, b], [out], from, to) {
          for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
            const x = a[i];
            const y = b[i];
            out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x >= y);
          }
        },
      };
    case "<":
      return {
        run([a, b], [out], from, to) {
          for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
            const x = a[i];
            const y = b[i];
            out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x < y);
          }
        },
      };
    case "<=":
      return {
        run([a, b], [out], from, to) {
          for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
            const x = a[i];
            const y = b[i];
            out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x <= y);
          }
        },
      };
    case "==":
      return {
        run([a, b], [out], from, to) {
          for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
            const x = a[i];
            const y = b[i];
            out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x === y);
          }
        },
      };
    case "!=":
      return {
        run([a, b], [out], from, to) {
          for (let i = skipWarmUp(out, from, to, start); i < to; i++) {
            const x = a[i];
            const y = b[i];
            out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : +(x !== y);
          }
        },
      };
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
