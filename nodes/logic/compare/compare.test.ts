import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { compare } from "./compare.node.ts";

const a = col([1, 2, 3, null, 2]);
const b = col([2, 2, 2, 2, null]);

describe("Compare", () => {
  it.each([
    [">", [0, 0, 1, null, null]],
    [">=", [0, 1, 1, null, null]],
    ["<", [1, 0, 0, null, null]],
    ["<=", [1, 1, 0, null, null]],
    ["==", [0, 1, 0, null, null]],
    ["!=", [1, 0, 1, null, null]],
  ])("compares A %s B, and gives NaN (not false) where either side is empty", (op, expected) => {
    const [out] = runNode(compare, { op }, [a, b]);
    expect(
      plain(out),
      `1 ${op} 2, 2 ${op} 2, 3 ${op} 2; NaN on either side stays NaN so warm-up carries`,
    ).toEqual(expected);
  });

  it("compares with the value param when B is unconnected", () => {
    expect(compare.inputs[1].fallbackParam, "B reads the value param").toBe("value");
    const params = compare.params.parse({ op: "<", value: 30 });
    const [out] = runNode(compare, params, [col([25, 35]), col([params.value, params.value])]);
    expect(plain(out), "RSI 25 < 30 is true, 35 < 30 is false").toEqual([1, 0]);
  });

  it("rejects an unknown operator", () => {
    expect(compare.params.safeParse({ op: "=>" }).success, "=> is not an operator").toBe(false);
  });

  it.each([">", ">=", "<", "<=", "==", "!="])("streams exactly like a batch run (%s)", (op) => {
    const bars = loadSample("orcl-1995-2014.csv");
    expectStreamingEqualsBatch(compare, { op }, [bars.close, bars.open], 5);
  });
});
