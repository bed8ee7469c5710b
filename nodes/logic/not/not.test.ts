import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { not } from "./not.node.ts";

describe("Not", () => {
  it("flips true and false and keeps NaN", () => {
    const [out] = runNode(not, {}, [col([1, 0, null])]);
    expect(plain(out), "not true is false, not false is true, not empty is empty").toEqual([0, 1, null]);
  });

  it("streams exactly like a batch run", () => {
    expectStreamingEqualsBatch(
      not,
      {},
      [col(Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 1 : 0)))],
      2,
    );
  });
});
