import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { percentChange } from "./percentChange.node.ts";

describe("Percent Change", () => {
  it("gives the move in percent of the old value", () => {
    const [out] = runNode(percentChange, { bars: 1 }, [col([50, 55, 44, 0, 5])]);
    expect(plain(out), "50 → 55 is +10 %, 55 → 44 is −20 %, 44 → 0 is −100 %, from 0 is undefined").toEqual([
      null,
      10,
      -20,
      -100,
      null,
    ]);
  });

  it("equals TA-Lib ROC(12)", () => {
    const { close } = loadSample("nvda-1999-2014.csv");
    const [out] = runNode(percentChange, { bars: 12 }, [close]);
    const { error, at } = maxRelativeError(
      out,
      talibRun("ROC", { inReal: close }, { optInTimePeriod: 12 }).outReal,
    );
    expect(error, `relative error ${error} at bar ${at}`).toBeLessThan(1e-9);
  });

  it("streams exactly like a batch run", () => {
    expectStreamingEqualsBatch(percentChange, { bars: 5 }, [loadSample("orcl-1995-2014.csv").close], 2);
  });
});
