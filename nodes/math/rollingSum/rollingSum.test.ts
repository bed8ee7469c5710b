import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { rollingSum } from "./rollingSum.node.ts";

describe("Rolling Sum", () => {
  it("adds the last `period` values and recovers after a gap", () => {
    const [out] = runNode(rollingSum, { period: 3 }, [col([1, 2, 3, 4, null, 6, 7, 8, 9])]);
    expect(plain(out), "1+2+3, 2+3+4; empty while the NaN is in the window; 6+7+8, 7+8+9").toEqual([
      null,
      null,
      6,
      9,
      null,
      null,
      null,
      21,
      24,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib SUM(14) on %s", (name) => {
    const { volume, close } = loadSample(name);
    const source = volume.some((v) => v > 0) ? volume : close;
    const [out] = runNode(rollingSum, { period: 14 }, [source]);
    const { error, at } = maxRelativeError(
      out,
      talibRun("SUM", { inReal: source }, { optInTimePeriod: 14 }).outReal,
    );
    expect(error, `relative error ${error} at bar ${at}`).toBe(0);
  });

  it("streams exactly like a batch run for any series, period and start", () => {
    streamingEqualsBatchProperty(rollingSum, (period) => ({ period }));
  });
});
