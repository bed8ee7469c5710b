import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { barsSince } from "./barsSince.node.ts";

describe("Bars Since", () => {
  it("counts bars since the condition was last true, NaN before it ever was", () => {
    const [out] = runNode(barsSince, {}, [col([0, 0, 1, 0, null, 0, 1, 1, 0])]);
    expect(plain(out), "never true before bar 2; 0 on true bars; an empty bar counts on").toEqual([
      null,
      null,
      0,
      1,
      2,
      3,
      0,
      0,
      1,
    ]);
  });

  it("ignores bars before start", () => {
    const [out] = runNode(barsSince, {}, [col([1, 0, 0, 1])], { start: 1 });
    expect(plain(out), "the true bar 0 lies before start, so bars 1 and 2 have no last true bar").toEqual([
      null,
      null,
      null,
      0,
    ]);
  });

  it("streams exactly like a batch run for any series and start", () => {
    streamingEqualsBatchProperty(barsSince, () => ({}));
  });
});
