import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { linearRegSlope } from "./linearRegSlope.node.ts";

describe("Linear Regression Slope", () => {
  it("gives the fitted line's slope per bar", () => {
    const [out] = runNode(linearRegSlope, { period: 3 }, [Float64Array.from([1, 3, 2, 0])]);
    // through (0,1), (1,3), (2,2): slope 0.5; through (0,3), (1,2), (2,0): slope −1.5
    expect(out[2], "slope of 1, 3, 2").toBeCloseTo(0.5, 12);
    expect(out[3], "slope of 3, 2, 0").toBeCloseTo(-1.5, 12);
  });

  it.each(sampleNames())(
    "equals TA-Lib LINEARREG_SLOPE with default and non-default periods on %s",
    (name) => {
      const { close } = loadSample(name);
      for (const period of [14, 30]) {
        const [out] = runNode(linearRegSlope, { period }, [close]);
        const { outReal } = talibRun("LINEARREG_SLOPE", { inReal: close }, { optInTimePeriod: period });
        expectCloseTo(out, outReal, `LINEARREG_SLOPE(${period}) on ${name}`);
      }
    },
  );

  it.each(sampleNames())("streams bar by bar exactly like batch and honours start on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [14, 30]) {
      expectStreamingEqualsBatch(linearRegSlope, { period }, [close]);
      expectStartShiftsOutputs(linearRegSlope, { period }, [close]);
    }
  });
});
