import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { divide } from "./divide.node.ts";

describe("divide", () => {
  it("combines A and B bar by bar", () => {
    const [out] = runNode(divide, {}, [col([6, 1, 0, -9]), col([3, 0, 0, 2])]);
    expect(plain(out), "6 ÷ 3 = 2; anything ÷ 0 is NaN, not ±Infinity; −9 ÷ 2").toEqual([
      2,
      null,
      null,
      -4.5,
    ]);
  });

  it("reads the value param for an unconnected B (the compiler fills B's column from it)", () => {
    expect(divide.inputs[1].fallbackParam, "B falls back to value").toBe("value");
    expect(divide.params.parse({}).value, "a fresh node's B").toBe(1);
    const value = divide.params.parse({ value: 4 }).value;
    const [out] = runNode(divide, { value }, [col([2, 6]), col([value, value])]);
    expect(plain(out), "A combined with the constant 4").toEqual([0.5, 1.5]);
  });

  it("writes NaN before start and streams exactly like a batch run", () => {
    const bars = loadSample("orcl-1995-2014.csv");
    const [out] = expectStreamingEqualsBatch(divide, {}, [bars.close, bars.open], 10);
    expect(out[9], "bar 9 is before start").toBeNaN();
    expect(Number.isFinite(out[10]), "bar 10 holds a value").toBe(true);
  });
});
