import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { rollingStdev } from "./rollingStdev.node.ts";

describe("Rolling Standard Deviation", () => {
  it("is the population standard deviation of the window", () => {
    const [out] = runNode(rollingStdev, { period: 4 }, [col([2, 4, 4, 4, 5, 5, 7, 9])]);
    // Window 2,4,4,4: mean 3.5, squared deviations 2.25+0.25+0.25+0.25 = 3, /4 = 0.75.
    expect(out[3], "√0.75 for 2,4,4,4 (divide by n, not n − 1)").toBeCloseTo(Math.sqrt(0.75), 12);
    // Window 5,5,7,9: mean 6.5, squared deviations 2.25+2.25+0.25+6.25 = 11, /4 = 2.75.
    expect(out[7], "√2.75 for 5,5,7,9").toBeCloseTo(Math.sqrt(2.75), 12);
    expect(
      plain(runNode(rollingStdev, { period: 3 }, [col([3, 3, 3, 3])])[0]),
      "a flat series has 0 spread",
    ).toEqual([null, null, 0, 0]);
  });

  it.each(sampleNames())("equals TA-Lib STDDEV(20, 1) on %s", (name) => {
    const { close } = loadSample(name);
    const [out] = runNode(rollingStdev, { period: 20 }, [close]);
    const expected = talibRun("STDDEV", { inReal: close }, { optInTimePeriod: 20, optInNbDev: 1 }).outReal;
    const { error, at } = maxRelativeError(out, expected);
    expect(error, `relative error ${error} at bar ${at}`).toBe(0);
  });

  it("streams exactly like a batch run for any series, period and start", () => {
    streamingEqualsBatchProperty(rollingStdev, (period) => ({ period }), 2);
  });
});
