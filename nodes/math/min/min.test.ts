import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { min } from "./min.node.ts";

describe("min", () => {
  it("combines A and B bar by bar", () => {
    const [out] = runNode(min, {}, [col([1, 5, null, -2]), col([3, 4, 1, -2])]);
    expect(plain(out), "the smaller of each pair; NaN propagates").toEqual([1, 4, null, -2]);
  });

  it("reads the value param for an unconnected B (the compiler fills B's column from it)", () => {
    expect(min.inputs[1].fallbackParam, "B falls back to value").toBe("value");
    expect(min.params.parse({}).value, "a fresh node's B").toBe(0);
    const value = min.params.parse({ value: 1.5 }).value;
    const [out] = runNode(min, { value }, [col([1, 2]), col([value, value])]);
    expect(plain(out), "A combined with the constant 1.5").toEqual([1, 1.5]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(min, {}, [bars.close, bars.open], 10);
    expect(out[9], "bar 9 is before start").toBeNaN();
    expect(Number.isFinite(out[10]), "bar 10 holds a value").toBe(true);
  });
});
