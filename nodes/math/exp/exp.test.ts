import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { exp } from "./exp.node.ts";

describe("exp", () => {
  it("transforms each value", () => {
    const [out] = runNode(exp, {}, [col([0, 1, -Infinity, null])]);
    expect(plain(out), "e⁰ = 1, e¹ = e, e^−∞ = 0").toEqual([1, Math.E, 0, null]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("yhoo-1996-2014.csv");
    const change = bars.close.map((c, i) => (i === 0 ? 0 : c / bars.close[i - 1] - 1));
    const [out] = expectStreamingEqualsBatch(exp, {}, [change], 3);
    expect(out[2], "bar 2 is before start").toBeNaN();
  });
});
