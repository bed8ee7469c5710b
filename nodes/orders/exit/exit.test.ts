import { describe, expect, it } from "vitest";
import { foldAndReload, SLOTS } from "../testing";
import { exit } from "./exit.node.ts";

const patch = (
  params: Record<string, unknown>,
  slots: Record<string, number | undefined> = { when: SLOTS.when },
) => exit.order!(exit.params.parse(params), slots);

describe("Exit", () => {
  it("closes every position with a market order by default", () => {
    expect(patch({}), "default side is all").toEqual({
      action: "exitAll",
      when: SLOTS.when,
      orderType: "market",
      timeInForce: "gtc",
    });
  });

  it.each([
    ["long", "exitLong"],
    ["short", "exitShort"],
    ["all", "exitAll"],
  ])("maps side %s to the action %s", (side, action) => {
    expect(patch({ side }).action, `side ${side} closes only that side`).toBe(action);
  });

  it("carries the stop price slot for a stop exit", () => {
    expect(
      patch({ side: "long", orderType: "stop" }, { ...SLOTS }),
      "a stop exit reads only the stop price",
    ).toEqual({
      action: "exitLong",
      when: SLOTS.when,
      orderType: "stop",
      timeInForce: "gtc",
      stopPrice: SLOTS.stopPrice,
    });
  });

  it("rejects an unknown side and names the param", () => {
    const parsed = exit.params.safeParse({ side: "both" });
    expect(parsed.error?.issues[0].path, "the error points at side").toEqual(["side"]);
    expect(parsed.error?.issues[0].message, "the message lists the choices").toContain('"all"');
  });

  it("survives the plan schema and a JSON round trip", () => {
    const { rule, reloaded } = foldAndReload(patch({ side: "short", orderType: "stopLimit" }, { ...SLOTS }));
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
  });
});
