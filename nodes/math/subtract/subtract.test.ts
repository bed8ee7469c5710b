import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { subtract } from "./subtract.node.ts";

describe("subtract", () => {
  it("combines A and B bar by bar", () => {
    const [out] = runNode(subtract, {}, [col([5, 2, 7, null]), col([1, 4, 7, 1])]);
    expect(plain(out), "5 − 1, 2 − 4, 7 − 7, NaN stays NaN").toEqual([4, -2, 0, null]);
  });

  it("reads the value param for an unconnected B (the compiler fills B's column from it)", () => {
    expect(subtract.inputs[1].fallbackParam, "B falls back to value").toBe("value");
    expect(subtract.params.parse({}).value, "a fresh node's B").toBe(0);
    const value = subtract.params.parse({ value: 1 }).value;
    const [out] = runNode(subtract, { value }, [col([1, 2]), col([value, value])]);
    expect(plain(out), "A combined with the constant 1").toEqual([0, 1]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(subtract, {}, [bars.close, bars.open], 10);
    expect(out[9], "bar 9 is before start").toBeNaN();
    expect(Number.isFinite(out[10]), "bar 10 holds a value").toBe(true);
  });
});
