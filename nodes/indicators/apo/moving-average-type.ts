import { z } from "zod";
import type { KernelInstance } from "@/nodes/core/define";
import { createDema } from "../dema/dema.node.ts";
import { createEma } from "../ema/ema.node.ts";
import { createKama } from "../kama/kama.node.ts";
import { createT3 } from "../t3/t3.node.ts";
import { createTema } from "../tema/tema.node.ts";
import { createTrima } from "../trima/trima.node.ts";
import { createWma } from "../wma/wma.node.ts";

/**
 * The moving averages a node can pick with a `maType` param: TA-Lib's MA types except MAMA,
 * keyed by the names traders use. `talibMaType` is TA-Lib's optInMAType number for each.
 */
export const MOVING_AVERAGE_TYPES = ["sma", "ema", "wma", "dema", "tema", "trima", "kama", "t3"] as const;
export type MovingAverageType = (typeof MOVING_AVERAGE_TYPES)[number];

export const talibMaType: Record<MovingAverageType, number> = {
  sma: 0,
  ema: 1,
  wma: 2,
  dema: 3,
  tema: 4,
  trima: 5,
  kama: 6,
  t3: 8,
};

export const maTypeParam = z
  .enum(MOVING_AVERAGE_TYPES)
  .default("sma")
  .describe(
    "Which moving average to use: SMA (TA-Lib's default), EMA, WMA, DEMA, TEMA, TRIMA, KAMA or T3 (v = 0.7).",
  );

/**
 * SMA with TA-Lib's order of operations (add the new value, read the mean, then drop the oldest).
 * Oscillators subtract two nearly equal averages, where a last-bit difference in rounding shows as
 * a large relative error, so this follows TA-Lib bit for bit rather than reusing the SMA node's kernel.
 */
export function createSma(period: number, start: number): KernelInstance {
  const first = start + period - 1;
  let total = 0;
  return {
    run([source], [out], from, to) {
      let i = from;
      for (; i < to && i < first; i++) {
        if (i >= start) total += source[i];
        out[i] = Number.NaN;
      }
      total = slide(source, out, i, to, period, total);
    },
  };
}

/**
 * The running sum moved along bars [from, to) of full windows, each bar's mean written; returns
 * the sum without the oldest value.
 */
function slide(
  source: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  period: number,
  total: number,
): number {
  let running = total;
  for (let i = from; i < to; i++) {
    running += source[i];
    const sum = running;
    running -= source[i - period + 1];
    out[i] = sum / period;
  }
  return running;
}

/** Bars after `start` before the average has a value (TA-Lib's MA lookback). */
export function movingAverageWarmup(type: MovingAverageType, period: number): number {
  switch (type) {
    case "dema":
      return 2 * (period - 1);
    case "tema":
      return 3 * (period - 1);
    case "kama":
      return period;
    case "t3":
      return 6 * (period - 1);
    default:
      return period - 1;
  }
}

/** A fresh moving-average kernel reading one series, equal to TA-Lib MA of that type from `start` on. */
export function createMovingAverage(type: MovingAverageType, period: number, start: number): KernelInstance {
  switch (type) {
    case "sma":
      return createSma(period, start);
    case "ema":
      return createEma(period, start);
    case "wma":
      return createWma(period, start);
    case "dema":
      return createDema(period, start);
    case "tema":
      return createTema(period, start);
    case "trima":
      return createTrima(period, start);
    case "kama":
      return createKama(period, start);
    case "t3":
      return createT3(period, 0.7, start);
  }
}
