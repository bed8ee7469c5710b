import { describe, expect, it } from "vitest";
import { enterLong } from "@/nodes/orders/enterLong/enterLong.node.ts";
import { foldAndReload, SLOTS } from "@/nodes/orders/testing";
import { exitAfterBars } from "./exitAfterBars.node.ts";

const patch = (params: Record<string, unknown>) =>
  exitAfterBars.order!(exitAfterBars.params.parse(params), {});
const messages = (params: Record<string, unknown>) =>
  exitAfterBars.params.safeParse(params).error?.issues.map((issue) => [issue.path, issue.message]);

describe("Exit After Bars", () => {
  it("defaults to 10", () => {
    expect(patch({}), "default bars").toEqual({ exitAfterBars: 10 });
  });

  it("passes a chosen bars to the rule's exitAfterBars", () => {
    expect(patch({ bars: 25 }), "the param maps one to one").toEqual({ exitAfterBars: 25 });
  });

  it("explains fractional and zero values", () => {
    expect(messages({ bars: 2.5 }), "bars and positions are counted in whole numbers").toEqual([
      [["bars"], "Bars must be a whole number."],
    ]);
    expect(messages({ bars: 0 }), "zero would disable the rule; leave the node out instead").toEqual([
      [["bars"], "Bars must be at least 1."],
    ]);
  });

  it("survives the plan schema and a JSON round trip on an entry", () => {
    const entry = enterLong.order!(enterLong.params.parse({}), { when: SLOTS.when });
    const { rule, reloaded } = foldAndReload(entry, patch({ bars: 25 }));
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
  });
});
