import { describe, expect, it } from "vitest";
import { expectNoLookAhead, expectStreamingEqualsBatch } from "@/nodes/math/testing";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { pivotPoints } from "./pivotPoints.node.ts";

/** Classic floor pivots written out from the textbook formulas. */
function floorPivots(h: number, l: number, c: number): number[] {
  const p = (h + l + c) / 3;
  return [p, 2 * p - l, p + (h - l), h + 2 * (p - l), 2 * p - h, p - (h - l), l - 2 * (h - p)];
}

describe("Pivot Points", () => {
  it("uses the previous bar on daily data", () => {
    const daily = loadSample("2006-day-001.csv");
    const out = runNode(pivotPoints, {}, barColumns(daily));
    expect(out[0][0], "the first day has no day before it").toBeNaN();
    for (const i of [1, 2, 100, 254]) {
      const expected = floorPivots(daily.high[i - 1], daily.low[i - 1], daily.close[i - 1]);
      expected.forEach((value, k) => {
        expect(out[k][i], `bar ${i} output ${k} from bar ${i - 1}'s high, low and close`).toBeCloseTo(
          value,
          9,
        );
      });
    }
  });

  it("uses the whole previous UTC day on 5-minute data", () => {
    const bars = loadSample("2006-min-005.csv");
    const out = runNode(pivotPoints, {}, barColumns(bars));
    const day = (i: number) => new Date(bars.time[i]).toISOString().slice(0, 10);
    // 2006-01-03 is the second day; every one of its bars uses 2006-01-02's range and last close.
    const firstDay = bars.time.findIndex((_, i) => day(i) === "2006-01-02" && day(i + 1) !== "2006-01-02");
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    for (let i = 0; i <= firstDay; i++) {
      high = Math.max(high, bars.high[i]);
      low = Math.min(low, bars.low[i]);
    }
    const expected = floorPivots(high, low, bars.close[firstDay]);
    for (let i = firstDay + 1; day(i) === "2006-01-03"; i++) {
      expected.forEach((value, k) => {
        expect(out[k][i], `bar ${i} (${day(i)}) output ${k}`).toBeCloseTo(value, 9);
      });
    }
    expect(out[0][firstDay], "the last bar of the first day still has no finished day").toBeNaN();
  });

  it("never looks ahead and streams exactly like a batch run", () => {
    const bars = barColumns(loadSample("2006-min-005.csv"));
    expectStreamingEqualsBatch(pivotPoints, {}, bars, 3);
    expectNoLookAhead(pivotPoints, {}, bars);
  });
});
