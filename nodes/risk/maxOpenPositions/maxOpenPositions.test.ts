import { describe, expect, it } from "vitest";
import { enterLong } from "@/nodes/orders/enterLong/enterLong.node.ts";
import { foldAndReload, SLOTS } from "@/nodes/orders/testing";
import { maxOpenPositions } from "./maxOpenPositions.node.ts";

const patch = (params: Record<string, unknown>) =>
  maxOpenPositions.order!(maxOpenPositions.params.parse(params), {});
const messages = (params: Record<string, unknown>) =>
  maxOpenPositions.params.safeParse(params).error?.issues.map((issue) => [issue.path, issue.message]);

describe("Max Open Positions", () => {
  it("defaults to 1", () => {
    expect(patch({}), "default count").toEqual({ maxOpenPositions: 1 });
  });

  it("passes a chosen count to the rule's maxOpenPositions", () => {
    expect(patch({ count: 3 }), "the param maps one to one").toEqual({ maxOpenPositions: 3 });
  });

  it("explains fractional and zero values", () => {
    expect(messages({ count: 2.5 }), "bars and positions are counted in whole numbers").toEqual([
      [["count"], "The maximum number of open positions must be a whole number."],
    ]);
    expect(messages({ count: 0 }), "zero would disable the rule; leave the node out instead").toEqual([
      [["count"], "The maximum number of open positions must be at least 1."],
    ]);
  });

  it("survives the plan schema and a JSON round trip on an entry", () => {
    const entry = enterLong.order!(enterLong.params.parse({}), { when: SLOTS.when });
    const { rule, reloaded } = foldAndReload(entry, patch({ count: 3 }));
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
  });
});
