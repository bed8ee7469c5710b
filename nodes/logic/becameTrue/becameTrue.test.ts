import { describe, expect, it } from "vitest";
import { col, plain, streamingEqualsBatchProperty } from "@/nodes/math/testing";
import { runNode } from "@/nodes/testing/run-node";
import { becameTrue } from "./becameTrue.node.ts";

describe("Became True", () => {
  it("fires once on each false-to-true edge", () => {
    const [out] = runNode(becameTrue, {}, [col([0, 1, 1, 0, 1, null, 1])]);
    expect(plain(out), "edges at bars 1 and 4; a run of trues fires once; next to NaN is NaN").toEqual([
      null,
      1,
      0,
      0,
      1,
      null,
      null,
    ]);
  });

  it("streams exactly like a batch run for any series and start", () => {
    streamingEqualsBatchProperty(becameTrue, () => ({}));
  });
});
