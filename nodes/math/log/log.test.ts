import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { log } from "./log.node.ts";

describe("log", () => {
  it("transforms each value", () => {
    const [out] = runNode(log, {}, [col([Math.E, 1, 0, -1])]);
    expect(plain(out), "ln e = 1, ln 1 = 0; 0 and negatives have no logarithm").toEqual([1, 0, null, null]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("yhoo-1996-2014.csv");
    const change = bars.close.map((c, i) => (i === 0 ? 0 : c / bars.close[i - 1] - 1));
    const [out] = expectStreamingEqualsBatch(log, {}, [change], 3);
    expect(out[2], "bar 2 is before start").toBeNaN();
  });
});
