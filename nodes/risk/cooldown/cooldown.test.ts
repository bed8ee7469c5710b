import { describe, expect, it } from "vitest";
import { enterLong } from "@/nodes/orders/enterLong/enterLong.node.ts";
import { foldAndReload, SLOTS } from "@/nodes/orders/testing";
import { cooldown } from "./cooldown.node.ts";

const patch = (params: Record<string, unknown>) => cooldown.order!(cooldown.params.parse(params), {});
const messages = (params: Record<string, unknown>) =>
  cooldown.params.safeParse(params).error?.issues.map((issue) => [issue.path, issue.message]);

describe("Cooldown", () => {
  it("defaults to 5", () => {
    expect(patch({}), "default bars").toEqual({ cooldownBars: 5 });
  });

  it("passes a chosen bars to the rule's cooldownBars", () => {
    expect(patch({ bars: 12 }), "the param maps one to one").toEqual({ cooldownBars: 12 });
  });

  it("explains fractional and zero values", () => {
    expect(messages({ bars: 2.5 }), "bars and positions are counted in whole numbers").toEqual([
      [["bars"], "Cooldown bars must be a whole number."],
    ]);
    expect(messages({ bars: 0 }), "zero would disable the rule; leave the node out instead").toEqual([
      [["bars"], "Cooldown bars must be at least 1."],
    ]);
  });

  it("survives the plan schema and a JSON round trip on an entry", () => {
    const entry = enterLong.order!(enterLong.params.parse({}), { when: SLOTS.when });
    const { rule, reloaded } = foldAndReload(entry, patch({ bars: 12 }));
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
  });
});
