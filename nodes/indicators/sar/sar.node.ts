import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

export const sar = defineNode({
  type: "indicators.sar",
  version: 1,
  title: "Parabolic SAR",
  category: "indicators",
  description:
    "Parabolic stop-and-reverse (Wilder): a trailing stop that accelerates toward price as a trend extends and flips sides when price touches it. The first trend is short if the second bar's low fell by more than its high rose, otherwise long (TA-Lib's rule).",
  reference: "TA-Lib SAR",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "SAR" }],
  params: z.object({
    acceleration: z
      .number()
      .min(0)
      .max(1)
      .default(0.02)
      .describe("Acceleration factor at the start of each trend, and its step on each new extreme."),
    maximum: z.number().min(0).max(1).default(0.2).describe("The acceleration factor never grows past this."),
  }),
  warmup: () => 1,
  formula: { name: "sar", params: ["acceleration", "maximum"] },
  kernel: ({ acceleration, maximum }, { start }) => {
    const step = Math.min(acceleration, maximum);
    /** 1 when long (else 0), the acceleration factor, the extreme point, the stop. */
    const state = Float64Array.of(1, step, 0, 0);
    return {
      run([, , high, low], [out], from, to) {
        parabolic(high, low, out, from, to, start, step, maximum, state);
      },
    };
  },
});

/**
 * SAR for bars [from, to), reading and updating `state`.
 */
function parabolic(
  high: Float64Array,
  low: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  start: number,
  step: number,
  maximum: number,
  state: Float64Array,
): void {
  let long = state[0] === 1;
  let factor = state[1];
  let extreme = state[2];
  let stop = state[3];
  for (let i = from; i < to; i++) {
    const bar = i - start;
    if (bar < 1) {
      out[i] = Number.NaN;
      continue;
    }
    const newHigh = high[i];
    const newLow = low[i];
    let previousHigh = high[i - 1];
    let previousLow = low[i - 1];
    if (bar === 1) {
      const fall = previousLow - newLow;
      long = !(fall > 0 && newHigh - previousHigh < fall);
      factor = step;
      extreme = long ? newHigh : newLow;
      stop = long ? previousLow : previousHigh;
      // TA-Lib compares the first bar against itself, not against the bar before it.
      previousHigh = newHigh;
      previousLow = newLow;
    }
    if (long) {
      if (newLow <= stop) {
        long = false;
        stop = extreme;
        if (stop < previousHigh) stop = previousHigh;
        if (stop < newHigh) stop = newHigh;
        out[i] = stop;
        factor = step;
        extreme = newLow;
        stop = stop + factor * (extreme - stop);
        if (stop < previousHigh) stop = previousHigh;
        if (stop < newHigh) stop = newHigh;
      } else {
        out[i] = stop;
        if (newHigh > extreme) {
          extreme = newHigh;
          factor += step;
          if (factor > maximum) factor = maximum;
        }
        stop = stop + factor * (extreme - stop);
        if (stop > previousLow) stop = previousLow;
        if (stop > newLow) stop = newLow;
      }
    } else if (newHigh >= stop) {
      long = true;
      stop = extreme;
      if (stop > previousLow) stop = previousLow;
      if (stop > newLow) stop = newLow;
      out[i] = stop;
      factor = step;
      extreme = newHigh;
      stop = stop + factor * (extreme - stop);
      if (stop > previousLow) stop = previousLow;
      if (stop > newLow) stop = newLow;
    } else {
      out[i] = stop;
      if (newLow < extreme) {
        extreme = newLow;
        factor += step;
        if (factor > maximum) factor = maximum;
      }
      stop = stop + factor * (extreme - stop);
      if (stop < previousHigh) stop = previousHigh;
      if (stop < newHigh) stop = newHigh;
    }
  }
  state[0] = long ? 1 : 0;
  state[1] = factor;
  state[2] = extreme;
  state[3] = stop;
}
