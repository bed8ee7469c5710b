import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { ifThenElse } from "./ifThenElse.node.ts";

describe("If Then Else", () => {
  it("picks Then where the condition is true and Else where it is false", () => {
    const [out] = runNode(ifThenElse, {}, [
      col([1, 0, null, 1]),
      col([10, 11, 12, 13]),
      col([20, 21, 22, 23]),
    ]);
    expect(plain(out), "true → 10, false → 21, empty condition → empty, true → 13").toEqual([
      10,
      21,
      null,
      13,
    ]);
  });

  it("reads thenValue and elseValue when Then and Else are unconnected", () => {
    expect(
      ifThenElse.inputs.map((p) => p.fallbackParam),
      "both branches have a fallback",
    ).toEqual([undefined, "thenValue", "elseValue"]);
    expect(ifThenElse.params.parse({}), "1 and 0 by default, a 0/1 flag as a number").toEqual({
      thenValue: 1,
      elseValue: 0,
    });
  });

  it("streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const up = bars.close.map((c, i) => (c > bars.open[i] ? 1 : 0));
    const [out] = expectStreamingEqualsBatch(ifThenElse, {}, [up, bars.high, bars.low], 1);
    expect(out[10], "bar 10 picks high on an up bar, else low").toBe(
      up[10] === 1 ? bars.high[10] : bars.low[10],
    );
  });
});
