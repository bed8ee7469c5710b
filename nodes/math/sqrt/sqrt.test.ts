import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { sqrt } from "./sqrt.node.ts";

describe("sqrt", () => {
  it("transforms each value", () => {
    const [out] = runNode(sqrt, {}, [col([9, 2.25, 0, -4])]);
    expect(plain(out), "√9 = 3, √2.25 = 1.5, √0 = 0, no real root of −4").toEqual([3, 1.5, 0, null]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("yhoo-1996-2014.csv");
    const change = bars.close.map((c, i) => (i === 0 ? 0 : c / bars.close[i - 1] - 1));
    const [out] = expectStreamingEqualsBatch(sqrt, {}, [change], 3);
    expect(out[2], "bar 2 is before start").toBeNaN();
  });
});
