import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { falling } from "./falling.node.ts";

describe("Falling", () => {
  it("needs `bars` strict falls in a row", () => {
    const [out] = runNode(falling, { bars: 3 }, [col([9, 8, 7, 6, 6, 5, 4, 3])]);
    // bar 3: 9>8>7>6; bar 4: 6 = 6 breaks it; bars 5 and 6 have fewer than 3 falls; bar 7: 6>5>4>3.
    expect(plain(out), "true at bars 3 and 7").toEqual([null, null, null, 1, 0, 0, 0, 1]);
  });

  it("streams exactly like a batch run for any series, length and start", () => {
    streamingEqualsBatchProperty(falling, (bars) => ({ bars }));
  });
});
