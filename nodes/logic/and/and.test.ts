import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { and } from "./and.node.ts";

describe("and", () => {
  it("follows its truth table", () => {
    const [out] = runNode(and, {}, [col([1, 1, 0, 0, null, 1]), col([1, 0, 1, 0, 1, null])]);
    expect(plain(out), "true only when both are; NaN stays NaN").toEqual([1, 0, 0, 0, null, null]);
  });

  it("streams exactly like a batch run", () => {
    const a = col(Array.from({ length: 300 }, (_, i) => (i % 7 < 3 ? 1 : 0)));
    const b = col(Array.from({ length: 300 }, (_, i) => (i % 5 < 2 ? 1 : i % 11 === 0 ? null : 0)));
    expectStreamingEqualsBatch(and, {}, [a, b], 4);
  });
});
