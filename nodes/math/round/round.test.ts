import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { round } from "./round.node.ts";

describe("Round", () => {
  it("rounds to whole numbers by default, halves up", () => {
    const [out] = runNode(round, {}, [col([1.4, 1.5, 2.5, -2.5, -2.6, null])]);
    expect(plain(out), "1.4 → 1, 1.5 → 2, 2.5 → 3, −2.5 → −2 (halves go up), −2.6 → −3").toEqual([
      1,
      2,
      3,
      -2,
      -3,
      null,
    ]);
  });

  it("rounds to n decimals", () => {
    const [out] = runNode(round, { decimals: 2 }, [col([1.2345, 99.999, 0.125])]);
    expect(plain(out), "1.2345 → 1.23, 99.999 → 100, 0.125 (exact in binary) → 0.13").toEqual([
      1.23, 100, 0.13,
    ]);
  });

  it("streams exactly like a batch run", () => {
    expectStreamingEqualsBatch(round, { decimals: 1 }, [loadSample("nvda-1999-2014.csv").close], 2);
  });
});
