import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { isFiniteNumber } from "@/nodes/math/ports";

export const markovRegime = defineNode({
  type: "patterns.markovRegime",
  version: 1,
  title: "Markov Regime",
  category: "patterns",
  description:
    "Sorts each bar's return into one of `states` equally populated buckets (0 = the weakest returns of the last `window` bars, states − 1 = the strongest), counts how often each bucket was followed by each other bucket over the window, and tells you the current state, the most likely next state and that likelihood. Cut point j between buckets is the return at position ⌊j × window / states⌋ of the window's returns sorted from low to high; a return on a cut point goes to the upper bucket. Every count gets 1 added (Laplace smoothing), so an unseen move keeps a small chance: probability = (count + 1) / (row total + states). On a tie the lower state wins. Returns are close-to-close: x / x[1] − 1. Use it to trade only when the next state is likely to be up.",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [
    {
      name: "state",
      type: "series",
      label: "State",
      description: "The current return bucket, 0 to states − 1.",
    },
    {
      name: "nextState",
      type: "series",
      label: "Next state",
      description: "The most likely bucket of the next bar.",
    },
    {
      name: "probability",
      type: "series",
      label: "Probability",
      description: "How likely that next state is, 0 to 1.",
    },
  ],
  params: z.object({
    states: z
      .number()
      .int()
      .min(2)
      .max(5)
      .default(3)
      .describe("How many return buckets (regimes) to tell apart."),
    window: z
      .number()
      .int()
      .min(10)
      .max(10_000)
      .default(250)
      .describe("How many recent returns the buckets and the transition counts are taken from."),
  }),
  warmup: ({ window }) => window,
  formula: { name: "markovRegime", params: ["states", "window"] },
  kernel: ({ states, window }, { start }) => {
    // The window's returns in arrival order (a ring) and sorted (for the cut points), kept up to
    // date by one insertion and one removal per bar: O(window) per bar, no sorting.
    const ring = new Float64Array(window);
    const sorted = new Float64Array(window);
    let sortedCount = 0;
    let seen = 0;
    let gaps = 0;
    const cuts = new Float64Array(states - 1);
    const counts = new Float64Array(states * states);
    const bucket = (r: number): number => {
      let s = 0;
      while (s < states - 1 && r >= cuts[s]) s++;
      return s;
    };
    return {
      run([source], [stateOut, nextOut, probabilityOut], from, to) {
        for (let i = from; i < to; i++) {
          if (i <= start) {
            stateOut[i] = nextOut[i] = probabilityOut[i] = Number.NaN;
            continue;
          }
          const before = source[i - 1];
          const r = before > 0 ? source[i] / before - 1 : Number.NaN;
          const slot = seen % window;
          if (seen >= window) {
            const old = ring[slot];
            if (isFiniteNumber(old)) {
              const at = lowerBound(sorted, sortedCount, old);
              sorted.copyWithin(at, at + 1, sortedCount);
              sortedCount--;
            } else gaps--;
          }
          ring[slot] = r;
          if (isFiniteNumber(r)) {
            const at = lowerBound(sorted, sortedCount, r);
            sorted.copyWithin(at + 1, at, sortedCount);
            sorted[at] = r;
            sortedCount++;
          } else gaps++;
          seen++;
          if (seen < window || gaps > 0) {
            stateOut[i] = nextOut[i] = probabilityOut[i] = Number.NaN;
            continue;
          }
          for (let j = 1; j < states; j++) cuts[j - 1] = sorted[Math.floor((j * window) / states)];
          counts.fill(0);
          let previous = bucket(ring[seen % window]);
          for (let m = 1; m < window; m++) {
            const current = bucket(ring[(seen + m) % window]);
            counts[previous * states + current]++;
            previous = current;
          }
          let best = 0;
          let rowTotal = 0;
          for (let j = 0; j < states; j++) {
            const count = counts[previous * states + j];
            rowTotal += count;
            if (count > counts[previous * states + best]) best = j;
          }
          stateOut[i] = previous;
          nextOut[i] = best;
          probabilityOut[i] = (counts[previous * states + best] + 1) / (rowTotal + states);
        }
      },
    };
  },
});

/** The first index in sorted[0, count) whose value is not below `value`. */
function lowerBound(sorted: Float64Array, count: number, value: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
