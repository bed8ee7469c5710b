import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { clamp } from "./clamp.node.ts";

describe("Clamp", () => {
  it("keeps values between the limits", () => {
    const [out] = runNode(clamp, {}, [
      col([-5, 0, 50, 100, 150, null]),
      col([0, 0, 0, 0, 0, 0]),
      col([100, 100, 100, 100, 100, 100]),
    ]);
    expect(plain(out), "−5 → 0, inside values unchanged, 150 → 100, NaN stays NaN").toEqual([
      0,
      0,
      50,
      100,
      100,
      null,
    ]);
  });

  it("gives NaN where the lower limit is above the upper one", () => {
    const [out] = runNode(clamp, {}, [col([5, 5]), col([10, 1]), col([1, 10])]);
    expect(plain(out), "bar 0 has crossed limits; bar 1 is fine").toEqual([null, 5]);
  });

  it("falls back to the lower and upper params and streams like a batch run", () => {
    expect(
      clamp.inputs.map((p) => p.fallbackParam),
      "limits read params when unconnected",
    ).toEqual([undefined, "lower", "upper"]);
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(clamp, {}, [bars.close, bars.low, bars.high], 4);
    expect(out[100], "a close always lies between the bar's low and high").toBe(bars.close[100]);
  });
});
