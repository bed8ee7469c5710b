import type { PortSpec } from "@/nodes/core/define";

/** Inputs of a two-sided true/false operation. */
export const twoConditionInputs: readonly PortSpec[] = [
  { name: "a", type: "bool", label: "A" },
  { name: "b", type: "bool", label: "B" },
];

/**
 * How every logic node treats empty values: a NaN in gives NaN out (not false), so an
 * indicator's warm-up carries through to the signal; the order engine reads NaN as "no signal".
 */
export const NAN_NOTE =
  "While an input is still empty (warming up) the result is empty too, which orders read as false.";

/**
 * Marks the bars of [from, to) before `start` (the step's first computed bar) as empty and returns
 * where computing begins. The logic kernels' loops then carry no warm-up test, and they write
 * `+(x > y)` rather than `x > y ? 1 : 0`: a true/false that flips from bar to bar costs a
 * mispredicted branch, a number made from the comparison does not.
 */
export function skipWarmUp(out: Float64Array, from: number, to: number, start: number): number {
  const end = Math.min(to, start);
  for (let i = from; i < end; i++) out[i] = Number.NaN;
  return Math.max(from, start);
}
