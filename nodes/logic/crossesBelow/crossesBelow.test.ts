import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { crossesBelow } from "./crossesBelow.node.ts";

describe("Crosses Below", () => {
  it("fires on the bar A gets below B after being at or above it", () => {
    const a = col([75, 70, 65, 72, 69, 68]);
    const b = col([70, 70, 70, 70, 70, 70]);
    const [out] = runNode(crossesBelow, {}, [a, b]);
    expect(plain(out), "RSI under 70: bar 2 (65 after touching 70) and bar 4 (69 after 72)").toEqual([
      null,
      0,
      1,
      0,
      1,
      0,
    ]);
  });

  it("streams exactly like a batch run", () => {
    const bars = loadSample("yhoo-1996-2014.csv");
    expectStreamingEqualsBatch(crossesBelow, {}, [bars.close, bars.open], 0);
  });
});
