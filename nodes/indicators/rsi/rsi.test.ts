import { describe, expect, it } from "vitest";
import { loadSample, sampleNames } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { talibRun } from "@/nodes/testing/talib";
import { expectCloseTo, expectStartShiftsOutputs, expectStreamingEqualsBatch } from "../ema/kernel-laws";
import { rsi } from "./rsi.node.ts";

describe("RSI", () => {
  it("is 100 after only gains and 0 on a flat series", () => {
    const [rising] = runNode(rsi, { period: 2 }, [Float64Array.from([1, 2, 3, 4])]);
    expect(Array.from(rising), "two bars of warm-up, then all gains").toEqual([
      Number.NaN,
      Number.NaN,
      100,
      100,
    ]);
    const [flat] = runNode(rsi, { period: 2 }, [Float64Array.from([5, 5, 5])]);
    expect(flat[2], "no movement gives 0, as TA-Lib does").toBe(0);
  });

  it.each(sampleNames())("equals TA-Lib RSI(14) and RSI(5) on %s", (name) => {
    const { close } = loadSample(name);
    for (const period of [14, 5]) {
      const [out] = runNode(rsi, { period }, [close]);
      expectCloseTo(
        out,
        talibRun("RSI", { inReal: close }, { optInTimePeriod: period }).outReal,
        `RSI(${period})`,
      );
    }
  });

  it("streams bar by bar exactly as in batch", () => {
    expectStreamingEqualsBatch(rsi, {}, [loadSample("nvda-1999-2014.csv").close]);
  });

  it("treats bars before start as nonexistent", () => {
    expectStartShiftsOutputs(rsi, { period: 9 }, [loadSample("orcl-1995-2014.csv").close]);
  });
});
