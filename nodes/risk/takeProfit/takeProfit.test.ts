import { describe, expect, it } from "vitest";
import { enterLong } from "@/nodes/orders/enterLong/enterLong.node.ts";
import { foldAndReload, SLOTS } from "@/nodes/orders/testing";
import { takeProfit } from "./takeProfit.node.ts";

const patch = (params: Record<string, unknown>, slots: Record<string, number | undefined> = {}) =>
  takeProfit.order!(takeProfit.params.parse(params), slots);

describe("Take Profit", () => {
  it("sits 4% from the entry by default", () => {
    expect(patch({}), "default is a percentage distance").toEqual({
      takeProfit: { mode: "percent", value: 4 },
    });
  });

  it("measures in price points when asked", () => {
    expect(patch({ mode: "points", value: 1.5 }), "points are absolute price units").toEqual({
      takeProfit: { mode: "points", value: 1.5 },
    });
  });

  it("reads a connected distance series instead of the params", () => {
    expect(patch({ mode: "points", value: 1.5 }, { distance: SLOTS.distance }), "the series wins").toEqual({
      takeProfit: { mode: "slot", slot: SLOTS.distance },
    });
  });

  it("rejects a zero or negative distance in words", () => {
    const parsed = takeProfit.params.safeParse({ value: 0 });
    expect(
      parsed.error?.issues.map((issue) => [issue.path, issue.message]),
      "a take profit at the entry price makes no sense",
    ).toEqual([[["value"], "The take profit distance must be greater than 0."]]);
  });

  it("survives the plan schema and a JSON round trip on an entry", () => {
    const entry = enterLong.order!(enterLong.params.parse({}), { when: SLOTS.when });
    const { rule, reloaded } = foldAndReload(entry, patch({ mode: "points", value: 2.25 }));
    expect(rule.takeProfit, "the patch lands on the rule").toEqual({ mode: "points", value: 2.25 });
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
  });
});
