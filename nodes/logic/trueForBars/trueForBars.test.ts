import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { trueForBars } from "./trueForBars.node.ts";

describe("True For Bars", () => {
  it("waits for `bars` true bars in a row", () => {
    const [out] = runNode(trueForBars, { bars: 3 }, [col([1, 1, 1, 1, 0, 1, 1, null, 1, 1, 1])]);
    // bars 2, 3: three trues; a false at 4 and an empty bar at 7 restart the count; bar 10 is the third true after it.
    expect(plain(out), "true at bars 2, 3 and 10").toEqual([null, null, 1, 1, 0, 0, 0, null, 0, 0, 1]);
  });

  it("streams exactly like a batch run for any series, length and start", () => {
    streamingEqualsBatchProperty(trueForBars, (bars) => ({ bars }));
  });
});
