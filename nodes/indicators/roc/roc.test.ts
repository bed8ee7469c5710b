import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { roc } from "./roc.node.ts";

describe("Rate of Change", () => {
  it("gives the percent move from `period` bars back, 0 from a zero base", () => {
    const [out] = runNode(roc, { period: 1 }, [Float64Array.from([0, 50, 100, 75])]);
    expect(Array.from(out), "0→50 has no percentage (0), then +100 %, then −25 %").toEqual([
      Number.NaN,
      0,
      100,
      -25,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib ROC(10) and ROC(1) on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [10, 1]) {
      const [out] = runNode(roc, { period }, [close]);
      expectCloseTo(
        out,
        talibRun("ROC", { inReal: close }, { optInTimePeriod: period }).outReal,
        `ROC(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(roc, {}, [loadSample("nvda-1999-2014.csv").close]);
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(roc, { period: 4 }, [loadSample("orcl-1995-2014.csv").close]);
  });
});
