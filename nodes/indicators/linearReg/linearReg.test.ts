import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { linearReg } from "./linearReg.node.ts";

describe("Linear Regression", () => {
  it("gives the fitted line's value at the newest bar", () => {
    const [out] = runNode(linearReg, { period: 3 }, [Float64Array.from([1, 3, 2])]);
    // least squares through (0,1), (1,3), (2,2): slope 0.5, intercept 1.5 → value at x = 2 is 2.5
    expect(out[2], "LINEARREG(3) of 1, 3, 2").toBeCloseTo(2.5, 12);
  });

  it.each(sampleNames())("equals TA-Lib LINEARREG with default and non-default periods on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [14, 30]) {
      const [out] = runNode(linearReg, { period }, [close]);
      const { outReal } = talibRun("LINEARREG", { inReal: close }, { optInTimePeriod: period });
      expectCloseTo(out, outReal, `LINEARREG(${period}) on ${name}`);
    }
  });

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [14, 30]) {
      expectStreamingEqualsBatch(linearReg, { period }, [close]);
      expectStartShiftsOutputs(linearReg, { period }, [close]);
    }
  });
});
