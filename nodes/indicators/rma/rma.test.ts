import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { rma } from "./rma.node.ts";

type TulipCallback = (error: unknown, results: number[][]) => void;
const tulind = createRequire(import.meta.url)("tulind") as {
  indicators: Record<string, { indicator(inputs: number[][], options: number[], done: TulipCallback): void }>;
};

/** Tulip's `wilders`, aligned to the input (its output drops the warm-up bars). */
function tulipWilders(values: Float64Array, period: number): Float64Array {
  const aligned = new Float64Array(values.length).fill(Number.NaN);
  tulind.indicators.wilders.indicator([Array.from(values)], [period], (error, [out]) => {
    if (error) throw error;
    aligned.set(out, values.length - out.length);
  });
  return aligned;
}

describe("RMA (Wilder)", () => {
  it("seeds with the SMA, then adds 1/period of each new value's distance", () => {
    const [out] = runNode(rma, { period: 3 }, [Float64Array.from([1, 2, 3, 6, 0])]);
    // seed 2; (2·2 + 6)/3 = 10/3; (10/3·2 + 0)/3 = 20/9
    expect(Number.isNaN(out[1]), "bar 1 is warm-up").toBe(true);
    expect(out[2], "seed").toBe(2);
    expect(out[3], "first smoothed value").toBeCloseTo(10 / 3, 12);
    expect(out[4], "second smoothed value").toBeCloseTo(20 / 9, 12);
  });

  it.each(sampleNames())("smooths TA-Lib TRANGE into exactly TA-Lib ATR on %s", (name) => {
    const bars = loadSample(name);
    const { outReal: trueRange } = talibRun("TRANGE", { high: bars.high, low: bars.low, close: bars.close });
    for (const period of [14, 5]) {
      // TRANGE has no value at bar 0, so the smoothing starts at bar 1, as inside TA-Lib ATR.
      const [out] = runNode(rma, { period }, [trueRange], { start: 1 });
      const { outReal: atr } = talibRun(
        "ATR",
        { high: bars.high, low: bars.low, close: bars.close },
        { optInTimePeriod: period },
      );
      expectCloseTo(out, atr, `RMA(${period}) of TRANGE vs ATR(${period}) on ${name}`);
    }
  });

  it.each(sampleNames())("equals Tulip Indicators wilders on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [14, 5]) {
      const [out] = runNode(rma, { period }, [close]);
      expectCloseTo(out, tulipWilders(close, period), `RMA(${period}) vs wilders on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [14, 5]) {
      expectStreamingEqualsBatch(rma, { period }, [close]);
      expectStartShiftsOutputs(rma, { period }, [close]);
    }
  });
});
