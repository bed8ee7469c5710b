import { describe, expect, it } from "vitest";
import { col, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { zScore } from "./zScore.node.ts";

describe("Z-Score", () => {
  it("measures the distance from the mean in standard deviations", () => {
    const [out] = runNode(zScore, { period: 4 }, [col([2, 4, 4, 4, 4, 4, 4, 4])]);
    // Window 2,4,4,4: mean 3.5, population σ = √0.75; (4 − 3.5)/√0.75.
    expect(out[3], "(4 − 3.5) / √0.75").toBeCloseTo(0.5 / Math.sqrt(0.75), 12);
    expect(out[7], "a flat window has no spread, so no z-score").toBeNaN();
  });

  it("equals (close − TA-Lib SMA) / TA-Lib STDDEV on real prices", () => {
    const { close } = loadSample("nvda-1999-2014.csv");
    const [out] = runNode(zScore, { period: 30 }, [close]);
    const mean = talibRun("SMA", { inReal: close }, { optInTimePeriod: 30 }).outReal;
    const sd = talibRun("STDDEV", { inReal: close }, { optInTimePeriod: 30, optInNbDev: 1 }).outReal;
    const expected = close.map((c, i) => (c - mean[i]) / sd[i]);
    const { error, at } = maxRelativeError(out, expected);
    expect(error, `relative error ${error} at bar ${at}`).toBeLessThan(1e-7);
  });

  it("streams exactly like a batch run for any series, period and start", () => {
    streamingEqualsBatchProperty(zScore, (period) => ({ period }), 2);
  });
});
