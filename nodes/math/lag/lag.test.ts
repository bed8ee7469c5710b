import { describe, expect, it } from "vitest";
import { col, expectStreamingEqualsBatch, plain } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { lag } from "./lag.node.ts";

describe("Bars Ago (lag)", () => {
  it("gives the value n bars ago", () => {
    const [out] = runNode(lag, { bars: 2 }, [col([1, 2, 3, 4, 5])]);
    expect(plain(out), "bar 2 sees bar 0, bar 3 sees bar 1, …").toEqual([null, null, 1, 2, 3]);
    expect(lag.warmup({ bars: 2 }), "two bars of warm-up").toBe(2);
  });

  it("never reads before start", () => {
    const [out] = runNode(lag, { bars: 1 }, [col([7, 8, 9, 10])], { start: 2 });
    expect(plain(out), "bar 2 would read bar 1, which is before start").toEqual([null, null, null, 9]);
  });

  it("streams exactly like a batch run", () => {
    expectStreamingEqualsBatch(lag, { bars: 5 }, [loadSample("orcl-1995-2014.csv").close], 3);
  });
});
