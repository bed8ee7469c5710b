import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { between } from "./between.node.ts";

describe("Between", () => {
  it("includes both limits", () => {
    const [out] = runNode(between, {}, [
      col([39, 40, 50, 60, 61, null]),
      col([40, 40, 40, 40, 40, 40]),
      col([60, 60, 60, 60, 60, 60]),
    ]);
    expect(plain(out), "40 and 60 are inside, 39 and 61 outside, NaN stays NaN").toEqual([
      0,
      1,
      1,
      1,
      0,
      null,
    ]);
  });

  it("streams exactly like a batch run: a close is always between low and high", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(between, {}, [bars.close, bars.low, bars.high], 2);
    expect(
      out.slice(2).every((v) => v === 1),
      "every close lies in its bar's range",
    ).toBe(true);
  });
});
