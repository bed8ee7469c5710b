import { describe, expect, it } from "vitest";
import { foldAndReload, SLOTS } from "../testing";
import { enterShort } from "./enterShort.node.ts";

const patch = (params: Record<string, unknown>, slots: Record<string, number | undefined>) =>
  enterShort.order!(enterShort.params.parse(params), slots);

describe("Enter Short", () => {
  it("places a good-till-cancelled market sell-short by default", () => {
    expect(patch({}, { when: SLOTS.when }), "defaults are market + gtc, triggered by the when slot").toEqual({
      action: "enterShort",
      when: SLOTS.when,
      orderType: "market",
      timeInForce: "gtc",
    });
  });

  it("carries the limit price slot for a limit order and ignores a stray stop price", () => {
    const result = patch({ orderType: "limit", timeInForce: "day" }, { ...SLOTS });
    expect(
      result,
      "a limit order reads only the limit price; the stop slot must not leak into the rule",
    ).toEqual({
      action: "enterShort",
      when: SLOTS.when,
      orderType: "limit",
      timeInForce: "day",
      limitPrice: SLOTS.limitPrice,
    });
  });

  it("carries both price slots for a stop-limit order", () => {
    const result = patch({ orderType: "stopLimit" }, { ...SLOTS });
    expect([result.stopPrice, result.limitPrice], "stop-limit needs the trigger and the limit").toEqual([
      SLOTS.stopPrice,
      SLOTS.limitPrice,
    ]);
  });

  it("leaves out slots that are not connected instead of writing undefined", () => {
    const result = patch({ orderType: "stop" }, {});
    expect(Object.keys(result).sort(), "an undefined key would override an earlier patch").toEqual([
      "action",
      "orderType",
      "timeInForce",
    ]);
  });

  it("rejects an unknown order type with the valid options", () => {
    const parsed = enterShort.params.safeParse({ orderType: "iceberg" });
    expect(parsed.success, "iceberg is not an order type").toBe(false);
    expect(parsed.error?.issues[0].path, "the error points at the orderType param").toEqual(["orderType"]);
    expect(parsed.error?.issues[0].message, "the message lists the choices").toContain('"stopLimit"');
  });

  it("survives the plan schema and a JSON round trip", () => {
    const { rule, reloaded } = foldAndReload(patch({ orderType: "limit" }, { ...SLOTS }));
    expect(reloaded, "a saved rule must read back identical").toEqual(rule);
  });
});
