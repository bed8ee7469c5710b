import { z } from "zod";
import { defineNode, type KernelInstance } from "@/nodes/core/define";

/** TA-Lib's TA_IS_ZERO: sums this close to zero count as "no movement". */
export const TALIB_EPSILON = 1e-14;

/**
 * Wilder's smoothed average gain and loss, seeded the way TA-Lib seeds them: the first `period`
 * changes after `start` are averaged plainly, later ones are smoothed as (prev × (period − 1) + x) / period.
 * RSI and CMO differ only in how they combine the two averages, so both run this one loop;
 * the operations follow TA-Lib's order so the results agree to the last bit.
 */
export function wilderOscillator(period: number, start: number, balance: "rsi" | "cmo"): KernelInstance {
  const cmo = balance === "cmo";
  // One loop per balance: a test of `cmo` inside the loop makes it half as fast.
  const smooth = cmo ? smoothCmo : smoothRsi;
  /** The last value, the average gain and the average loss. */
  const state = new Float64Array(3);
  return {
    run([source], [out], from, to) {
      // The state lives in locals for the loops and is written back once per call.
      let last = state[0];
      let up = state[1];
      let down = state[2];
      let i = from;
      for (; i < to && i < start; i++) out[i] = Number.NaN;
      if (i === start && i < to) {
        last = source[i];
        out[i++] = Number.NaN;
      }
      // The first `period` changes are summed plainly, then averaged once.
      for (; i < to && i - start <= period; i++) {
        const value = source[i];
        const change = value - last;
        last = value;
        if (change < 0) down -= change;
        else up += change;
        if (i - start < period) {
          out[i] = Number.NaN;
          continue;
        }
        down /= period;
        up /= period;
        out[i] = oscillator(up, down, cmo);
      }
      state[0] = last;
      state[1] = up;
      state[2] = down;
      if (i < to) smooth(source, out, i, to, period, state);
    },
  };
}

/**
 * The smoothing after the first average into RSI, for bars [from, to), reading and updating
 * `state`.
 *
 * A change goes to the loss or the gain by multiplying it with its sign test, not by a branch,
 * which a price mispredicts on every other bar: times 0 it is ±0 and adds nothing. For a NaN or
 * infinite change that is not so (∞ × 0 is NaN); `gaps` (the changes × 0) turns NaN then, and the
 * bars are smoothed again with the branch.
 */
function smoothRsi(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  state: Float64Array,
): void {
  const decay = period - 1;
  let last = state[0];
  let up = state[1];
  let down = state[2];
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const value = source[i];
    const change = value - last;
    last = value;
    gaps += change * 0;
    down = (down * decay - change * +(change < 0)) / period;
    up = (up * decay + change * +(change > 0)) / period;
    const total = up + down;
    out[i] = total > -TALIB_EPSILON && total < TALIB_EPSILON ? 0 : 100 * (up / total);
  }
  if (gaps !== 0) {
    smoothWithBranch(source, out, from, to, period, false, state);
    return;
  }
  state[0] = last;
  state[1] = up;
  state[2] = down;
}

/** smoothRsi for CMO. */
function smoothCmo(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  state: Float64Array,
): void {
  const decay = period - 1;
  let last = state[0];
  let up = state[1];
  let down = state[2];
  let gaps = 0;
  for (let i = from; i < to; i++) {
    const value = source[i];
    const change = value - last;
    last = value;
    gaps += change * 0;
    down = (down * decay - change * +(change < 0)) / period;
    up = (up * decay + change * +(change > 0)) / period;
    const total = up + down;
    out[i] = total > -TALIB_EPSILON && total < TALIB_EPSILON ? 0 : 100 * ((up - down) / total);
  }
  if (gaps !== 0) {
    smoothWithBranch(source, out, from, to, period, true, state);
    return;
  }
  state[0] = last;
  state[1] = up;
  state[2] = down;
}

/** The smoothing as TA-Lib writes it, for bars with a NaN or infinite change. */
function smoothWithBranch(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  cmo: boolean,
  state: Float64Array,
): void {
  const decay = period - 1;
  let last = state[0];
  let up = state[1];
  let down = state[2];
  for (let i = from; i < to; i++) {
    const value = source[i];
    const change = value - last;
    last = value;
    down *= decay;
    up *= decay;
    if (change < 0) down -= change;
    else up += change;
    down /= period;
    up /= period;
    out[i] = oscillator(up, down, cmo);
  }
  state[0] = last;
  state[1] = up;
  state[2] = down;
}

function oscillator(gain: number, loss: number, cmo: boolean): number {
  const total = gain + loss;
  if (total > -TALIB_EPSILON && total < TALIB_EPSILON) return 0;
  return cmo ? 100 * ((gain - loss) / total) : 100 * (gain / total);
}

export const rsi = defineNode({
  type: "indicators.rsi",
  version: 1,
  title: "RSI",
  category: "indicators",
  description:
    "Relative Strength Index (Wilder): the share of recent gains in all recent moves, from 0 to 100. Above 70 is read as overbought, below 30 as oversold; it is 0 when the price has not moved at all.",
  reference: "TA-Lib RSI",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "RSI" }],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars Wilder's smoothing spans."),
  }),
  warmup: ({ period }) => period,
  formula: { name: "rsi", params: ["period"] },
  kernel: ({ period }, { start }) => wilderOscillator(period, start, "rsi"),
});
