import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { sma } from "./sma.node.ts";

describe("SMA", () => {
  it("averages the last `period` values", () => {
    const [out] = runNode(sma, { period: 3 }, [Float64Array.from([1, 2, 3, 4, 5])]);
    expect(Array.from(out), "first two bars are warm-up, then means of 3").toEqual([
      Number.NaN,
      Number.NaN,
      2,
      3,
      4,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib SMA(20) on %s", (name) => {
    const bars = loadSample(name);
    const [out] = runNode(sma, { period: 20 }, [bars.close]);
    const { outReal } = talibRun("SMA", { inReal: bars.close }, { optInTimePeriod: 20 });
    const { error, at } = maxRelativeError(out, outReal);
    expect(error, `relative error ${error} at bar ${at}`).toBeLessThan(1e-9);
  });
});
