import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { cmo } from "./cmo.node.ts";

describe("CMO", () => {
  it("is +100 after only gains and −100 after only losses", () => {
    const [up] = runNode(cmo, { period: 2 }, [Float64Array.from([1, 2, 3])]);
    expect(up[2], "all gains").toBe(100);
    const [down] = runNode(cmo, { period: 2 }, [Float64Array.from([3, 2, 1])]);
    expect(down[2], "all losses").toBe(-100);
  });

  it.each(sampleNames())("equals TA-Lib CMO(14) and CMO(9) on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [14, 9]) {
      const [out] = runNode(cmo, { period }, [close]);
      expectCloseTo(
        out,
        talibRun("CMO", { inReal: close }, { optInTimePeriod: period }).outReal,
        `CMO(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(cmo, {}, [loadSample("nvda-1999-2014.csv").close]);
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(cmo, { period: 9 }, [loadSample("orcl-1995-2014.csv").close]);
  });
});
