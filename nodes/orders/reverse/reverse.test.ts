import { describe, expect, it } from "vitest";
import { foldAndReload, SLOTS } from "../testing";
import { reverse } from "./reverse.node.ts";

describe("Reverse", () => {
  it("flips the position with a market order on the when slot", () => {
    expect(
      reverse.order!(reverse.params.parse({}), { when: SLOTS.when }),
      "reverse is always a market order",
    ).toEqual({
      action: "reverse",
      when: SLOTS.when,
      orderType: "market",
      timeInForce: "gtc",
    });
  });

  it("has only the when input: a flip cannot wait for a limit price", () => {
    expect(
      reverse.inputs.map((port) => port.name),
      "no price inputs",
    ).toEqual(["when"]);
  });

  it("survives the plan schema and a JSON round trip", () => {
    const { rule, reloaded } = foldAndReload(reverse.order!({}, { when: 0 }));
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
  });
});
