import { describe, expect, it } from "vitest";
import { sma } from "@/nodes/indicators/sma/sma.node.ts";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { crossesAbove } from "./crossesAbove.node.ts";

describe("Crosses Above", () => {
  it("fires on the bar A gets above B after being at or below it", () => {
    const a = col([1, 2, 3, 3, 1, 2, 4, null, 5, 6]);
    const b = col([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    const [out] = runNode(crossesAbove, {}, [a, b]);
    // bar 2: 3 > 2 after 2 <= 2 (touching counts as below); bar 6: 4 > 2 after 2 <= 2;
    // bar 7 and 8 touch the NaN and stay NaN; bar 9 stays above, so no new cross.
    expect(plain(out), "crosses on bars 2 and 6 only").toEqual([null, 0, 1, 0, 0, 0, 1, null, null, 0]);
  });

  it("finds the golden crosses of SMA(10) over SMA(30) on real prices", () => {
    const { close } = loadSample("nvda-1999-2014.csv");
    const [fast] = runNode(sma, { period: 10 }, [close]);
    const [slow] = runNode(sma, { period: 30 }, [close]);
    const [out] = runNode(crossesAbove, {}, [fast, slow], { start: 29 });
    for (let i = 31; i < close.length; i++) {
      const expected = fast[i] > slow[i] && fast[i - 1] <= slow[i - 1] ? 1 : 0;
      expect(out[i], `bar ${i}`).toBe(expected);
    }
    expect(out[29], "the first valid bar has no bar before it").toBeNaN();
    expect(
      out.reduce((n, v) => n + (v === 1 ? 1 : 0), 0),
      "crosses alternate with death crosses, so there are a few dozen",
    ).toBeGreaterThan(20);
  });

  it("streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    expectStreamingEqualsBatch(crossesAbove, {}, [bars.close, bars.open], 3);
  });
});
