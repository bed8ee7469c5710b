import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "@/nodes/math/ports";
import { NAN_NOTE, skipWarmUp } from "../ports";

export const crossesAbove = defineNode({
  type: "logic.crossesAbove",
  version: 1,
  title: "Crosses Above",
  category: "logic",
  description: `True on the one bar where A moves from at or below B to above it: A > B now and A ≤ B on the bar before. The classic golden cross is a fast moving average crossing above a slow one; leave B unconnected to cross a fixed level such as RSI crossing above 30. ${NAN_NOTE}`,
  reference: "TradingView ta.crossover(a, b): a[0] > b[0] and a[1] <= b[1]",
  inputs: twoNumberInputs,
  outputs: [{ name: "result", type: "bool", label: "Crossed above" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 1,
  formula: { name: "crossesAbove", params: [] },
  kernel: (_params, { start }) => crossing(start, 0),
});

/**
 * Whether input `rising` crossed above the other input on each bar. Crosses Below is this with A
 * and B swapped: A < B now and A ≥ B before is exactly B > A now and B ≤ A before.
 */
export function crossing(start: number, rising: 0 | 1): KernelInstance {
  return {
    run(inputs, [out], from, to) {
      const a = inputs[rising];
      const b = inputs[1 - rising];
      // A cross compares with the bar before, so the first computed bar is the one after start.
      const first = skipWarmUp(out, from, to, start + 1);
      if (first < to && crossedAbove(a, b, out, first, to) !== 0) recompute(a, b, out, first, to);
    },
  };
}

/**
 * Writes whether A crossed above B on each bar of [from, to) (from ≥ 1) and returns the sum of the NaN gaps
 * (see skipWarmUp); the bar before stays in registers.
 */
function crossedAbove(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let px = a[from - 1];
  let py = b[from - 1];
  let previousGap = (px - py) * 0;
  let gaps = previousGap;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = (+(x > y) & +(px <= py)) + (gap + previousGap);
    px = x;
    py = y;
    previousGap = gap;
  }
  return gaps;
}

/** The plain loop, for a range where some input is NaN or infinite. */
function recompute(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const px = a[i - 1];
    const py = b[i - 1];
    out[i] =
      Number.isNaN(x) || Number.isNaN(y) || Number.isNaN(px) || Number.isNaN(py)
        ? Number.NaN
        : +(x > y) & +(px <= py);
  }
}
