import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { col, expectNoLookAhead, expectStreamingEqualsBatch, plain, priceSeries } from "@/nodes/math/testing";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { zigzag } from "./zigzag.node.ts";

function bars(highs: number[], lows: number[]): Float64Array[] {
  const zeros = col(highs.map(() => 0));
  return [col(highs.map((_, i) => i)), col(highs), col(highs), col(lows), col(lows), zeros];
}

describe("ZigZag", () => {
  it("confirms a swing only after a reversal of `deviation` percent", () => {
    const [swing, direction] = runNode(zigzag, { deviation: 10 }, [
      ...bars([100, 105, 110, 104, 100, 104, 107, 112, 111], [95, 100, 104, 98, 96, 100, 103, 106, 100.5]),
    ]);
    // bar 1: 105 is 10.5% above the low 95 → low 95 confirmed; bar 3: 98 is 10.9% below 110 → high;
    // bar 5: 104 is only 8.3% above 96; bar 6: 107 is 11.5% above 96 → low; bar 8: 100.5 ≤ 0.9 × 112 → high.
    expect(plain(swing), "the last confirmed swing price").toEqual([
      null,
      95,
      95,
      110,
      110,
      110,
      96,
      96,
      112,
    ]);
    expect(plain(direction), "−1 after a low, +1 after a high").toEqual([null, -1, -1, 1, 1, 1, -1, -1, 1]);
  });

  it("reads an outside bar as a new extreme, not a reversal", () => {
    const [swing] = runNode(zigzag, { deviation: 10 }, [...bars([100, 110, 104, 130], [95, 105, 100, 90])]);
    // bar 1 confirms low 95; bar 2 dips only 9.1% from 110; bar 3 makes a new high 130 and dips to 90 in the same bar: unknown order, no swing.
    expect(plain(swing), "only the low 95 is confirmed").toEqual([null, 95, 95, 95]);
  });

  it("alternates highs and lows and never looks ahead on random prices", () => {
    fc.assert(
      fc.property(priceSeries(2, 150), fc.double({ min: 0.5, max: 10, noNaN: true }), (close, deviation) => {
        const input = bars(
          Array.from(close, (c) => c * 1.01),
          Array.from(close, (c) => c * 0.99),
        );
        const [swing, direction] = runNode(zigzag, { deviation }, input);
        for (let i = 1; i < close.length; i++) {
          if (swing[i] !== swing[i - 1] && !Number.isNaN(swing[i - 1]) && direction[i] === direction[i - 1]) {
            return false;
          }
        }
        const cut = Math.ceil(close.length / 2);
        const [partial] = runNode(
          zigzag,
          { deviation },
          input.map((c) => c.slice(0, cut)),
        );
        return partial.join() === swing.subarray(0, cut).join();
      }),
      { numRuns: 300 },
    );
  });

  it("never looks ahead and streams exactly like a batch run on real bars", () => {
    const sample = barColumns(loadSample("nvda-1999-2014.csv"));
    const [, direction] = expectStreamingEqualsBatch(zigzag, { deviation: 8 }, sample, 2);
    expectNoLookAhead(zigzag, { deviation: 8 }, sample);
    expect(new Set(plain(direction)), "directions are ±1 once a swing is known").toEqual(
      new Set([null, 1, -1]),
    );
  });
});
