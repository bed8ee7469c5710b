import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { rising } from "./rising.node.ts";

describe("Rising", () => {
  it("needs `bars` strict rises in a row", () => {
    const [out] = runNode(rising, { bars: 2 }, [col([1, 2, 3, 3, 4, 5, 6, 5])]);
    // bar 2: 1<2<3; bar 3: 3 = 3 breaks it; bar 4: one rise only; bars 5, 6: 3<4<5, 4<5<6; bar 7 falls.
    expect(plain(out), "true at bars 2, 5, 6").toEqual([null, null, 1, 0, 0, 1, 1, 0]);
  });

  it("is empty around a gap and starts counting again after it", () => {
    const [out] = runNode(rising, { bars: 1 }, [col([1, 2, null, 3, 4])]);
    expect(plain(out), "bars 2 and 3 touch the NaN; bar 4 rose from 3").toEqual([null, 1, null, null, 1]);
  });

  it("streams exactly like a batch run for any series, length and start", () => {
    streamingEqualsBatchProperty(rising, (bars) => ({ bars }));
  });
});
