import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError, talibRun } from "@/nodes/testing/talib";
import { change } from "./change.node.ts";

describe("Change", () => {
  it("subtracts the value n bars ago", () => {
    const [out] = runNode(change, { bars: 2 }, [col([10, 11, 13, 12, 20])]);
    expect(plain(out), "13 − 10, 12 − 11, 20 − 13").toEqual([null, null, 3, 1, 7]);
  });

  it("equals TA-Lib MOM(10)", () => {
    const { close } = loadSample("yhoo-1996-2014.csv");
    const [out] = runNode(change, { bars: 10 }, [close]);
    const { error, at } = maxRelativeError(
      out,
      talibRun("MOM", { inReal: close }, { optInTimePeriod: 10 }).outReal,
    );
    expect(error, `relative error ${error} at bar ${at}`).toBeLessThan(1e-12);
  });

  it("streams exactly like a batch run", () => {
    expectStreamingEqualsBatch(change, { bars: 3 }, [loadSample("orcl-1995-2014.csv").close], 6);
  });
});
