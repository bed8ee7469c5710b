import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { percentRank } from "./percentRank.node.ts";

describe("Percent Rank", () => {
  it("counts the previous values at or below the current one, like TradingView ta.percentrank", () => {
    const [out] = runNode(percentRank, { period: 4 }, [col([1, 2, 3, 4, 2.5, 2, 9, 0])]);
    expect(
      plain(out),
      "bar 4 (2.5): of 1,2,3,4 two are ≤ → 50; bar 5 (2): of 2,3,4,2.5 only 2 is ≤ → 25; bar 6 (9): all → 100; bar 7 (0): none → 0",
    ).toEqual([null, null, null, null, 50, 25, 100, 0]);
  });

  it("leaves out the current bar and needs `period` earlier bars", () => {
    expect(percentRank.warmup({ period: 4 }), "four earlier values before the first rank").toBe(4);
    const [out] = runNode(percentRank, { period: 2 }, [col([5, 5, 5, null, 5, 5, 5])], { start: 0 });
    expect(plain(out), "equal values count as at-or-below; a NaN in the window blanks the rank").toEqual([
      null,
      null,
      100,
      null,
      null,
      null,
      100,
    ]);
  });

  it("streams exactly like a batch run for any series, period and start", () => {
    streamingEqualsBatchProperty(percentRank, (period) => ({ period }));
  });
});
