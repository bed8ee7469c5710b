import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

const HIGH = 2;
const LOW = 3;

/**
 * The highest high, lowest low and their midpoint over the last `period` bars, the current bar
 * included. Reads a `bars` input. Remembers where the extremes are and rescans the window only
 * when one drops out (TA-Lib MAX/MIN's method), so a bar costs O(1) on average.
 */
export function createChannel(period: number, start: number): KernelInstance {
  const first = start + period - 1;
  /** Where the highest high is, its value, where the lowest low is, its value. */
  const state = Float64Array.of(-1, Number.NaN, -1, Number.NaN);
  return {
    run(inputs, [upper, middle, lower], from, to) {
      let i = from;
      for (; i < to && i < first; i++) upper[i] = middle[i] = lower[i] = Number.NaN;
      if (i < to) channel(inputs[HIGH], inputs[LOW], upper, middle, lower, i, to, period, state);
    },
  };
}

/**
 * The channel for bars [from, to), each with a full window, reading and updating `state`.
 */
function channel(
  high: Float64Array,
  low: Float64Array,
  upper: Float64Array,
  middle: Float64Array,
  lower: Float64Array,
  from: number,
  to: number,
  period: number,
  state: Float64Array,
): void {
  let highestAt = state[0];
  let highest = state[1];
  let lowestAt = state[2];
  let lowest = state[3];
  for (let i = from; i < to; i++) {
    const oldest = i - period + 1;
    if (highestAt < oldest) {
      highestAt = oldest;
      highest = high[oldest];
      for (let j = oldest + 1; j <= i; j++) {
        if (high[j] > highest) {
          highestAt = j;
          highest = high[j];
        }
      }
    } else if (high[i] >= highest) {
      highestAt = i;
      highest = high[i];
    }
    if (lowestAt < oldest) {
      lowestAt = oldest;
      lowest = low[oldest];
      for (let j = oldest + 1; j <= i; j++) {
        if (low[j] < lowest) {
          lowestAt = j;
          lowest = low[j];
        }
      }
    } else if (low[i] <= lowest) {
      lowestAt = i;
      lowest = low[i];
    }
    upper[i] = highest;
    lower[i] = lowest;
    middle[i] = (highest + lowest) / 2;
  }
  state[0] = highestAt;
  state[1] = highest;
  state[2] = lowestAt;
  state[3] = lowest;
}

export const donchian = defineNode({
  type: "indicators.donchian",
  version: 1,
  title: "Donchian Channels",
  category: "indicators",
  description:
    "Donchian Channels (Richard Donchian): the highest high and lowest low of the last `period` bars, and their " +
    "midpoint. The window includes the current bar, as on TradingView, so the close can never break above the " +
    "upper band of its own bar: to trade a breakout, compare the close with the previous bar's upper band.",
  reference:
    "Richard Donchian's channel as published (TradingView `ta.highest`/`ta.lowest`); checked against TA-Lib MAX/MIN",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "upper", type: "series", label: "Upper" },
    { name: "middle", type: "series", label: "Middle" },
    { name: "lower", type: "series", label: "Lower" },
  ],
  params: z.object({
    period: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(20)
      .describe("How many bars, the current one included."),
  }),
  warmup: ({ period }) => period - 1,
  kernel: ({ period }, { start }) => createChannel(period, start),
});
