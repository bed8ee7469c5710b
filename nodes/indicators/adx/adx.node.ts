import { z } from "zod";
import { defineNode } from "@/nodes/core/define";
import { TALIB_EPSILON } from "../rsi/rsi.node.ts";
import { trueRange } from "../trange/trange.node.ts";

const isZero = (value: number) => value > -TALIB_EPSILON && value < TALIB_EPSILON;

export const adx = defineNode({
  type: "indicators.adx",
  version: 1,
  title: "ADX / DMI",
  category: "indicators",
  description:
    "Wilder's directional movement: +DI and −DI measure how much of the recent range was upward and downward movement; ADX smooths their spread into trend strength (0 to 100, above 25 is read as trending). +DI and −DI hold values after `period` bars, ADX after 2 × period − 1.",
  reference: "TA-Lib ADX, PLUS_DI and MINUS_DI",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [
    { name: "adx", type: "series", label: "ADX" },
    { name: "plusDi", type: "series", label: "+DI" },
    { name: "minusDi", type: "series", label: "−DI" },
  ],
  params: z.object({
    period: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(14)
      .describe("How many bars Wilder's smoothing spans."),
  }),
  warmup: ({ period }) => 2 * period - 1,
  kernel: ({ period }, { start }) => {
    /** +DM, −DM and true range, smoothed; the DX sum during the warm-up; the ADX. */
    const state = new Float64Array(5);
    return {
      run([, , high, low, close], [adxOut, plusOut, minusOut], from, to) {
        directionalMovement(high, low, close, adxOut, plusOut, minusOut, from, to, start, period, state);
      },
    };
  },
});

/**
 * ADX, +DI and −DI for bars [from, to), reading and updating `state`.
 */
function directionalMovement(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  adxOut: Float64Array,
  plusOut: Float64Array,
  minusOut: Float64Array,
  from: number,
  to: number,
  start: number,
  period: number,
  state: Float64Array,
): void {
  let plusDm = state[0];
  let minusDm = state[1];
  let range = state[2];
  let sumDx = state[3];
  let average = state[4];
  for (let i = from; i < to; i++) {
    const bar = i - start;
    if (bar < 1) {
      adxOut[i] = plusOut[i] = minusOut[i] = Number.NaN;
      continue;
    }
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    const tr = trueRange(high[i], low[i], close[i - 1]);
    if (bar < period) {
      // The first period − 1 moves are summed; smoothing starts on the next bar (TA-Lib's seeding).
      if (down > 0 && up < down) minusDm += down;
      else if (up > 0 && up > down) plusDm += up;
      range += tr;
      adxOut[i] = plusOut[i] = minusOut[i] = Number.NaN;
      continue;
    }
    minusDm -= minusDm / period;
    plusDm -= plusDm / period;
    if (down > 0 && up < down) minusDm += down;
    else if (up > 0 && up > down) plusDm += up;
    range = range - range / period + tr;
    let dx = Number.NaN;
    if (isZero(range)) {
      plusOut[i] = minusOut[i] = 0;
    } else {
      const minusDi = 100 * (minusDm / range);
      const plusDi = 100 * (plusDm / range);
      plusOut[i] = plusDi;
      minusOut[i] = minusDi;
      const sum = minusDi + plusDi;
      if (!isZero(sum)) dx = 100 * (Math.abs(minusDi - plusDi) / sum);
    }
    // A bar without a defined DX leaves the sum and the average as they were, as in TA-Lib.
    if (bar < 2 * period - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
      adxOut[i] = Number.NaN;
    } else if (bar === 2 * period - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
      average = sumDx / period;
      adxOut[i] = average;
    } else {
      if (!Number.isNaN(dx)) average = (average * (period - 1) + dx) / period;
      adxOut[i] = average;
    }
  }
  state[0] = plusDm;
  state[1] = minusDm;
  state[2] = range;
  state[3] = sumDx;
  state[4] = average;
}
