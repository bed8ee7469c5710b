import { z } from "zod";
import { defineNode } from "@/nodes/core/define";

/** Which extreme is being watched for a reversal. */
const WATCH_BOTH = 0;
const WATCH_HIGH = 1;
const WATCH_LOW = -1;

export const zigzag = defineNode({
  type: "patterns.zigzag",
  version: 1,
  title: "ZigZag",
  category: "patterns",
  description:
    "The last confirmed swing: the price of the latest swing high or swing low, and its direction (+1 for a high, −1 for a low). A high only counts as a swing once price has fallen `deviation` percent below it (and a low once price has risen that much above it), so the output on each bar uses only that bar and the ones before it: it never repaints. The price is the bar's high or low. A bar that both makes a new extreme and reverses is read as making the new extreme, because the order of high and low inside one bar is unknown. Empty until the first swing is confirmed. Use it to trade breaks of the last swing high or low.",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "swing", type: "series", label: "Last swing price" },
    {
      name: "direction",
      type: "series",
      label: "Direction",
      description: "+1 for a swing high, −1 for a swing low.",
    },
  ],
  params: z.object({
    deviation: z
      .number()
      .min(0.01)
      .max(99)
      .default(5)
      .describe("How far, in percent, price must reverse from a high or low before it counts as a swing."),
  }),
  warmup: () => 0,
  formula: { name: "zigzag", params: ["deviation"] },
  kernel: ({ deviation }, { start }) => {
    const down = 1 - deviation / 100;
    const up = 1 + deviation / 100;
    let watching = WATCH_BOTH;
    let candidateHigh = Number.NaN;
    let candidateHighAt = -1;
    let candidateLow = Number.NaN;
    let candidateLowAt = -1;
    let swing = Number.NaN;
    let direction = Number.NaN;
    return {
      run(inputs, [swingOut, directionOut], from, to) {
        const high = inputs[2];
        const low = inputs[3];
        for (let i = from; i < to; i++) {
          if (i < start || Number.isNaN(high[i]) || Number.isNaN(low[i])) {
            swingOut[i] = i < start ? Number.NaN : swing;
            directionOut[i] = i < start ? Number.NaN : direction;
            continue;
          }
          const h = high[i];
          const l = low[i];
          // A new extreme (or the first bar) moves the candidate and confirms nothing on this bar.
          const newHigh = watching !== WATCH_LOW && !(h <= candidateHigh);
          const newLow = watching !== WATCH_HIGH && !(l >= candidateLow);
          if (newHigh) {
            candidateHigh = h;
            candidateHighAt = i;
          }
          if (newLow) {
            candidateLow = l;
            candidateLowAt = i;
          }
          const highConfirmed = watching !== WATCH_LOW && !newHigh && l <= candidateHigh * down;
          const lowConfirmed = watching !== WATCH_HIGH && !newLow && h >= candidateLow * up;
          // Watching both (before the first swing), the older extreme is confirmed first.
          if (highConfirmed && (!lowConfirmed || candidateHighAt <= candidateLowAt)) {
            swing = candidateHigh;
            direction = 1;
            watching = WATCH_LOW;
            candidateLowAt = lowestSince(low, candidateHighAt + 1, i);
            candidateLow = low[candidateLowAt];
          } else if (lowConfirmed) {
            swing = candidateLow;
            direction = -1;
            watching = WATCH_HIGH;
            candidateHighAt = highestSince(high, candidateLowAt + 1, i);
            candidateHigh = high[candidateHighAt];
          }
          swingOut[i] = swing;
          directionOut[i] = direction;
        }
      },
    };
  },
});

/** Index of the earliest lowest value in [from, to]; bar `to` is valid and NaN bars never win. */
function lowestSince(values: Float64Array, from: number, to: number): number {
  let at = to;
  for (let j = to - 1; j >= from; j--) if (values[j] <= values[at]) at = j;
  return at;
}

/** Index of the earliest highest value in [from, to]; bar `to` is valid and NaN bars never win. */
function highestSince(values: Float64Array, from: number, to: number): number {
  let at = to;
  for (let j = to - 1; j >= from; j--) if (values[j] >= values[at]) at = j;
  return at;
}
