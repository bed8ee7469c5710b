import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { averageTrueRange } from "../atr/atr.node.ts";

export const superTrend = defineNode({
  type: "indicators.superTrend",
  version: 1,
  title: "SuperTrend",
  category: "indicators",
  description:
    "SuperTrend: a trailing line `multiplier` × ATR away from the bar's midpoint (high + low) / 2, below price in an uptrend and above it in a downtrend. The lower band only rises and the upper band only falls until the close crosses them; a close beyond the line flips the trend. Direction is +1 up, −1 down; the first bar counts as a downtrend, as in TradingView.",
  reference:
    "TradingView Pine ta.supertrend (final upper/lower bands, trend flip on a close beyond the band), with TA-Lib's ATR: TradingView's ATR also counts the first bar's high − low, so the first few dozen values differ slightly; hand-checked in the test",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "value", type: "series", label: "SuperTrend" },
    { name: "direction", type: "series", label: "Direction (+1/−1)" },
  ],
  params: z.object({
    atrPeriod: z.number().int().min(1).max(100_000).default(10).describe("How many bars the ATR spans."),
    multiplier: z
      .number()
      .min(0.01)
      .max(100)
      .default(3)
      .describe("How many ATRs the bands sit from the midpoint."),
  }),
  warmup: ({ atrPeriod }) => atrPeriod,
  kernel: ({ atrPeriod, multiplier }, { start }) => {
    const atr = averageTrueRange(atrPeriod, start);
    /** The upper and lower bands, 1 in an uptrend (else 0), 1 once the line has started (else 0). */
    const state = new Float64Array(4);
    return {
      run(inputs, outputs, from, to) {
        // The ATR lands in the value column and is replaced there bar by bar: no scratch column.
        atr.run(inputs, outputs, from, to);
        trail(inputs[2], inputs[3], inputs[4], outputs[0], outputs[1], from, to, multiplier, state);
      },
    };
  },
});

/**
 * The line and direction for bars [from, to), the ATR read from and replaced in `value`, reading
 * and updating `state`.
 */
function trail(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  value: Float64Array,
  direction: Float64Array,
  from: number,
  to: number,
  multiplier: number,
  state: Float64Array,
): void {
  let upper = state[0];
  let lower = state[1];
  let up = state[2] === 1;
  let started = state[3] === 1;
  for (let i = from; i < to; i++) {
    const range = value[i];
    if (Number.isNaN(range)) {
      direction[i] = Number.NaN;
      continue;
    }
    const middle = (high[i] + low[i]) / 2;
    const basicUpper = middle + multiplier * range;
    const basicLower = middle - multiplier * range;
    if (!started) {
      started = true;
      upper = basicUpper;
      lower = basicLower;
      up = false;
    } else {
      const previousClose = close[i - 1];
      if (basicLower > lower || previousClose < lower) lower = basicLower;
      if (basicUpper < upper || previousClose > upper) upper = basicUpper;
      up = up ? !(close[i] < lower) : close[i] > upper;
    }
    value[i] = up ? lower : upper;
    direction[i] = up ? 1 : -1;
  }
  state[0] = upper;
  state[1] = lower;
  state[2] = up ? 1 : 0;
  state[3] = started ? 1 : 0;
}
