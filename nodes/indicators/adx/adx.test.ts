import { describe, expect, it } from "vitest";
import { barColumns, loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { adx } from "./adx.node.ts";

describe("ADX / DMI", () => {
  it("reads a steady climb as a full-strength uptrend", () => {
    const n = 8;
    const zeros = new Float64Array(n);
    const high = Float64Array.from({ length: n }, (_, i) => 11 + i);
    const low = Float64Array.from({ length: n }, (_, i) => 10 + i);
    const close = Float64Array.from({ length: n }, (_, i) => 10.5 + i);
    const [adxOut, plusDi, minusDi] = runNode(adx, { period: 2 }, [zeros, zeros, high, low, close, zeros]);
    // Every bar moves up by 1 with true range 1.5, so +DM/TR is 1/1.5 and −DM is 0.
    expect(plusDi[2], "+DI from bar `period`: 100 × 1 / 1.5").toBeCloseTo(66.6667, 4);
    expect(minusDi[2], "no downward movement at all").toBe(0);
    expect(Number.isNaN(adxOut[2]), "ADX needs 2 × period − 1 bars").toBe(true);
    expect(adxOut[3], "DX is 100 on every bar, so ADX is 100").toBe(100);
  });

  it.each(sampleNames())("equals TA-Lib ADX, PLUS_DI and MINUS_DI (14 and 5) on %s", (name) => {
    const sample = loadSample(name);
    const { high, low, close } = sample;
    for (const period of [14, 5]) {
      const [adxOut, plusDi, minusDi] = runNode(adx, { period }, barColumns(sample));
      const options = { optInTimePeriod: period };
      expectCloseTo(adxOut, talibRun("ADX", { high, low, close }, options).outReal, `ADX(${period})`);
      expectCloseTo(plusDi, talibRun("PLUS_DI", { high, low, close }, options).outReal, `PLUS_DI(${period})`);
      expectCloseTo(
        minusDi,
        talibRun("MINUS_DI", { high, low, close }, options).outReal,
        `MINUS_DI(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(adx, {}, barColumns(loadSample("nvda-1999-2014.csv")));
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(adx, { period: 6 }, barColumns(loadSample("orcl-1995-2014.csv")));
  });
});
