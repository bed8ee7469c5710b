import { describe, expect, it } from "vitest";
import { enterLong } from "@/nodes/orders/enterLong/enterLong.node.ts";
import { foldAndReload, SLOTS } from "@/nodes/orders/testing";
import { positionSize } from "./positionSize.node.ts";

const patch = (params: Record<string, unknown>) => positionSize.order!(positionSize.params.parse(params), {});
const messages = (params: Record<string, unknown>) =>
  positionSize.params.safeParse(params).error?.issues.map((issue) => [issue.path, issue.message]);

describe("Position Size", () => {
  it("puts 10% of equity into each entry by default", () => {
    expect(patch({}), "default sizing").toEqual({ sizing: { mode: "percentOfEquity", percent: 10 } });
  });

  it.each([
    [
      { mode: "fixedQuantity", amount: 100 },
      { mode: "fixedQuantity", quantity: 100 },
    ],
    [
      { mode: "fixedCash", amount: 5000 },
      { mode: "fixedCash", cash: 5000 },
    ],
    [
      { mode: "percentOfEquity", amount: 150 },
      { mode: "percentOfEquity", percent: 150 },
    ],
    [
      { mode: "riskPercent", amount: 1 },
      { mode: "riskPercent", percent: 1 },
    ],
  ])("maps %j to the plan's sizing %j", (params, sizing) => {
    expect(patch(params), "amount goes to the field the mode names").toEqual({ sizing });
  });

  it("explains a zero amount", () => {
    expect(messages({ amount: 0 }), "sizes are positive").toEqual([
      [["amount"], "The size amount must be greater than 0."],
    ]);
  });

  it("caps risk per trade at 100% and equity at 1000%", () => {
    expect(messages({ mode: "riskPercent", amount: 150 }), "cannot risk more than the account").toEqual([
      [["amount"], "Risk per trade must be at most 100%; got 150."],
    ]);
    expect(messages({ mode: "percentOfEquity", amount: 1001 }), "beyond 10x leverage is refused").toEqual([
      [["amount"], "Percent of equity must be at most 1000%; got 1001."],
    ]);
    expect(messages({ mode: "fixedQuantity", amount: 5000 }), "units have no percent cap").toBeUndefined();
  });

  it("survives the plan schema and a JSON round trip on an entry", () => {
    const entry = enterLong.order!(enterLong.params.parse({}), { when: SLOTS.when });
    const { rule, reloaded } = foldAndReload(entry, patch({ mode: "fixedCash", amount: 2500 }));
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
    expect(rule.sizing, "the sizing lands on the rule").toEqual({ mode: "fixedCash", cash: 2500 });
  });
});
