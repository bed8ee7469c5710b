import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { rollingMin } from "./rollingMin.node.ts";

describe("rollingMin", () => {
  it("takes the extreme of the last `period` values", () => {
    const [out] = runNode(rollingMin, { period: 3 }, [col([4, 2, 3, null, 5, 6, 1])]);
    expect(plain(out), "lowest of 4,2,3 is 2; NaN blanks three bars; lowest of 5,6,1 is 1").toEqual([
      null,
      null,
      2,
      null,
      null,
      null,
      1,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib MIN(20) on %s", (name) => {
    const { close } = loadSample(name);
    const [out] = runNode(rollingMin, { period: 20 }, [close]);
    const { error, at } = maxRelativeError(
      out,
      talibRun("MIN", { inReal: close }, { optInTimePeriod: 20 }).outReal,
    );
    expect(error, `relative error ${error} at bar ${at}`).toBe(0);
  });

  it("equals TA-Lib MIN at periods 2 and 300: the window's edges", () => {
    const { close } = loadSample("orcl-1995-2014.csv");
    for (const period of [2, 300]) {
      const [out] = runNode(rollingMin, { period }, [close]);
      const expected = talibRun("MIN", { inReal: close }, { optInTimePeriod: period }).outReal;
      expect(maxRelativeError(out, expected).error, `period ${period}`).toBe(0);
    }
  });

  it("streams exactly like a batch run for any series, period and start", () => {
    streamingEqualsBatchProperty(rollingMin, (period) => ({ period }));
  });
});
