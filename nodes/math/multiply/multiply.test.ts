import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { multiply } from "./multiply.node.ts";

describe("multiply", () => {
  it("combines A and B bar by bar", () => {
    const [out] = runNode(multiply, {}, [col([2, -3, 0.5, null]), col([3, 4, 8, 2])]);
    expect(plain(out), "2 × 3, −3 × 4, 0.5 × 8, NaN stays NaN").toEqual([6, -12, 4, null]);
  });

  it("reads the value param for an unconnected B (the compiler fills B's column from it)", () => {
    expect(multiply.inputs[1].fallbackParam, "B falls back to value").toBe("value");
    expect(multiply.params.parse({}).value, "a fresh node's B").toBe(1);
    const value = multiply.params.parse({ value: 3 }).value;
    const [out] = runNode(multiply, { value }, [col([1, 2]), col([value, value])]);
    expect(plain(out), "A combined with the constant 3").toEqual([3, 6]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(multiply, {}, [bars.close, bars.open], 10);
    expect(out[9], "bar 9 is before start").toBeNaN();
    expect(Number.isFinite(out[10]), "bar 10 holds a value").toBe(true);
  });
});
