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
 * where computing begins, so the logic kernels' loops carry no warm-up test.
 *
 * Those loops are shaped for speed, the same way in every logic node:
 * - they write `+(x > y)` rather than `x > y ? 1 : 0`: a true/false that flips from bar to bar
 *   costs a mispredicted branch, a number made from the comparison does not;
 * - they do not test each input for NaN either (two tests per bar cost more than the comparison):
 *   they add `gap = (x - y) * 0`, which is ±0, leaving the result as it is, or NaN when x or y is
 *   NaN, making it NaN as the NaN rule asks. The gaps are also summed over the range: the sum is
 *   NaN when some gap was, and only then does the node recompute the range with the plain tests
 *   (`withNanTests`, or the node's own loop for crosses and Not), because a gap is NaN for
 *   infinite inputs too (∞ − ∞, ∞ × 0), where the result must stay a true or false;
 * - the loops are module-level functions the instance calls (see NodeDefinition.kernel).
 */
export function skipWarmUp(out: Float64Array, from: number, to: number, start: number): number {
  const end = Math.min(to, start);
  for (let i = from; i < end; i++) out[i] = Number.NaN;
  return Math.max(from, start);
}

/**
 * The plain loop of a two-input logic node, for a range where some input is NaN or infinite:
 * NaN in gives NaN out, otherwise `value(x, y)`. That range is rare, so one shared loop calling
 * the node's rule is fine here, unlike in the nodes' own fast loops.
 */
export function withNanTests(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  value: (x: number, y: number) => number,
): void {
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : value(x, y);
  }
}
