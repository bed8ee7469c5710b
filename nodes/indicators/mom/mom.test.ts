import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { mom } from "./mom.node.ts";

describe("Momentum", () => {
  it("subtracts the value `period` bars back", () => {
    const [out] = runNode(mom, { period: 2 }, [Float64Array.from([1, 4, 9, 16])]);
    expect(Array.from(out), "9 − 1 and 16 − 4 after two bars of warm-up").toEqual([
      Number.NaN,
      Number.NaN,
      8,
      12,
    ]);
  });

  it.each(sampleNames())("equals TA-Lib MOM(10) and MOM(3) on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [10, 3]) {
      const [out] = runNode(mom, { period }, [close]);
      expectCloseTo(
        out,
        talibRun("MOM", { inReal: close }, { optInTimePeriod: period }).outReal,
        `MOM(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(mom, {}, [loadSample("nvda-1999-2014.csv").close]);
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(mom, { period: 4 }, [loadSample("orcl-1995-2014.csv").close]);
  });
});
