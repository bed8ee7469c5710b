import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { pow } from "./pow.node.ts";

describe("pow", () => {
  it("combines A and B bar by bar", () => {
    const [out] = runNode(pow, {}, [col([2, 9, -8, 4]), col([3, 0.5, 0.5, -1])]);
    expect(plain(out), "2³ = 8, 9^½ = 3, (−8)^½ has no real value, 4⁻¹ = ¼").toEqual([8, 3, null, 0.25]);
  });

  it("reads the value param for an unconnected B (the compiler fills B's column from it)", () => {
    expect(pow.inputs[1].fallbackParam, "B falls back to value").toBe("value");
    expect(pow.params.parse({}).value, "a fresh node's B").toBe(2);
    const value = pow.params.parse({ value: 2 }).value;
    const [out] = runNode(pow, { value }, [col([3, -2]), col([value, value])]);
    expect(plain(out), "A combined with the constant 2").toEqual([9, 4]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(pow, {}, [bars.close, bars.open], 10);
    expect(out[9], "bar 9 is before start").toBeNaN();
    expect(Number.isFinite(out[10]), "bar 10 holds a value").toBe(true);
  });
});
