import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { countInWindow } from "./countInWindow.node.ts";

describe("Count True", () => {
  it("counts the true bars among the last `period`", () => {
    const [out] = runNode(countInWindow, { period: 3 }, [col([1, 0, 1, 1, 1, 0, 0, 0])]);
    expect(plain(out), "1+0+1, 0+1+1, 1+1+1, 1+1+0, 1+0+0, 0+0+0").toEqual([null, null, 2, 2, 3, 2, 1, 0]);
  });

  it("streams exactly like a batch run for any series, period and start", () => {
    streamingEqualsBatchProperty(countInWindow, (period) => ({ period }));
  });
});
