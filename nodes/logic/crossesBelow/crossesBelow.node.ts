import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { fallbackValue, twoNumberInputs } from "@/nodes/math/ports";
import { NAN_NOTE, skipWarmUp } from "../ports";

export const crossesBelow = defineNode({
  type: "logic.crossesBelow",
  version: 1,
  title: "Crosses Below",
  category: "logic",
  description: `True on the one bar where A moves from at or above B to below it: A < B now and A ≥ B on the bar before. The classic death cross is a fast moving average crossing below a slow one; leave B unconnected to cross a fixed level such as RSI crossing below 70. ${NAN_NOTE}`,
  reference: "TradingView ta.crossunder(a, b): a[0] < b[0] and a[1] >= b[1]",
  inputs: twoNumberInputs,
  outputs: [{ name: "result", type: "bool", label: "Crossed below" }],
  params: z.object({ value: fallbackValue(0) }),
  warmup: () => 1,
  formula: { name: "crossesBelow", params: [] },
  kernel: (_params, { start }) => ({
    run([a, b], [out], from, to) {
      // A cross compares with the bar before, so the first computed bar is the one after start.
      const first = skipWarmUp(out, from, to, start + 1);
      if (first < to && crossedBelow(a, b, out, first, to) !== 0) recompute(a, b, out, first, to);
    },
  }),
});

/**
 * Writes whether A crossed below B on each bar of [from, to) (from ≥ 1) and returns the sum of the NaN gaps
 * (see skipWarmUp); the bar before stays in registers.
 */
function crossedBelow(a: Float64Array, b: Float64Array, out: Float64Array, from: number, to: number): number {
  let px = a[from - 1];
  let py = b[from - 1];
  let previousGap = (px - py) * 0;
  let gaps = previousGap;
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    const gap = (x - y) * 0;
    gaps += gap;
    out[i] = (+(x < y) & +(px >= py)) + (gap + previousGap);
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
        : +(x < y) & +(px >= py);
  }
}
