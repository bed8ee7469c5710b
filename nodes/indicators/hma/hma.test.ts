import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import {
  expectCloseTo,
  expectStartShiftsOutputs,
  expectStreamingEqualsBatch,
  leadingNaNs,
} from "../ema/kernel-laws";
import { hma } from "./hma.node.ts";

type TulipCallback = (error: unknown, results: number[][]) => void;
const tulind = createRequire(import.meta.url)("tulind") as {
  indicators: Record<string, { indicator(inputs: number[][], options: number[], done: TulipCallback): void }>;
};

/** Tulip's `hma`, aligned to the input (its output drops the warm-up bars). */
function tulipHma(values: Float64Array, period: number): Float64Array {
  const aligned = new Float64Array(values.length).fill(Number.NaN);
  tulind.indicators.hma.indicator([Array.from(values)], [period], (error, [out]) => {
    if (error) throw error;
    aligned.set(out, values.length - out.length);
  });
  return aligned;
}

describe("HMA (Hull)", () => {
  it("matches values computed by hand from the definition", () => {
    const squares = Float64Array.from([1, 4, 9, 16, 25, 36]);
    const [out] = runNode(hma, { period: 4 }, [squares]);
    // raw = 2·WMA(2) − WMA(4): bar 3: 82/3 − 10 = 52/3; bar 4: 44 − 17 = 27; bar 5: 194/3 − 26 = 116/3
    // HMA = WMA(2) of raw: bar 4: (52/3 + 2·27)/3 = 214/9; bar 5: (27 + 2·116/3)/3 = 313/9
    expect(leadingNaNs(out), "warm-up is (n − 1) + (⌊√n⌋ − 1) = 4 bars").toBe(4);
    expect(out[4], "HMA(4) at bar 4").toBeCloseTo(214 / 9, 12);
    expect(out[5], "HMA(4) at bar 5").toBeCloseTo(313 / 9, 12);
  });

  it("follows a straight line with no lag", () => {
    const line = Float64Array.from({ length: 30 }, (_, i) => 10 + 0.5 * i);
    const [out] = runNode(hma, { period: 9 }, [line]);
    expect(out[29], "HMA(9) of 10 + i/2 at bar 29").toBeCloseTo(24.5, 10);
  });

  it.each(sampleNames())("equals Tulip Indicators hma with default and non-default periods on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [9, 10, 16]) {
      const [out] = runNode(hma, { period }, [close]);
      expectCloseTo(out, tulipHma(close, period), `HMA(${period}) on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [9, 10]) {
      expectStreamingEqualsBatch(hma, { period }, [close]);
      expectStartShiftsOutputs(hma, { period }, [close]);
    }
  });
});
