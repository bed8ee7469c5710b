import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { add } from "./add.node.ts";

describe("add", () => {
  it("combines A and B bar by bar", () => {
    const [out] = runNode(add, {}, [col([1, 2, null, 4]), col([10, 20, 30, 40])]);
    expect(plain(out), "1 + 10, 2 + 20, NaN stays NaN, 4 + 40").toEqual([11, 22, null, 44]);
  });

  it("reads the value param for an unconnected B (the compiler fills B's column from it)", () => {
    expect(add.inputs[1].fallbackParam, "B falls back to value").toBe("value");
    expect(add.params.parse({}).value, "a fresh node's B").toBe(0);
    const value = add.params.parse({ value: 5 }).value;
    const [out] = runNode(add, { value }, [col([1, 2]), col([value, value])]);
    expect(plain(out), "A combined with the constant 5").toEqual([6, 7]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(add, {}, [bars.close, bars.open], 10);
    expect(out[9], "bar 9 is before start").toBeNaN();
    expect(Number.isFinite(out[10]), "bar 10 holds a value").toBe(true);
  });
});
