import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { abs } from "./abs.node.ts";

describe("abs", () => {
  it("transforms each value", () => {
    const [out] = runNode(abs, {}, [col([-3, 0, 2.5, null])]);
    expect(plain(out), "the sign is dropped; NaN stays NaN").toEqual([3, 0, 2.5, null]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("yhoo-1996-2014.csv");
    const change = bars.close.map((c, i) => (i === 0 ? 0 : c / bars.close[i - 1] - 1));
    const [out] = expectStreamingEqualsBatch(abs, {}, [change], 3);
    expect(out[2], "bar 2 is before start").toBeNaN();
  });
});
