import { describe, expect, it } from "vitest";
import { requiredOrderInputs } from "./requirements";

describe("requiredOrderInputs", () => {
  it.each([
    ["orders.enterLong", {}, ["when"]],
    ["orders.enterLong", { orderType: "limit" }, ["when", "limitPrice"]],
    ["orders.enterShort", { orderType: "stop" }, ["when", "stopPrice"]],
    ["orders.exit", { side: "long", orderType: "stopLimit" }, ["when", "stopPrice", "limitPrice"]],
    ["orders.reverse", {}, ["when"]],
    ["risk.stopLoss", {}, ["order"]],
  ])("%s with %j needs %j", (type, params, expected) => {
    expect(
      requiredOrderInputs(type, params),
      "the order type decides which prices must be connected",
    ).toEqual(expected);
  });

  it("falls back to the node's required ports when the params do not parse", () => {
    expect(
      requiredOrderInputs("orders.enterLong", { orderType: "iceberg" }),
      "the bad param is reported elsewhere",
    ).toEqual(["when"]);
  });

  it("knows nothing extra about types that are not order or risk nodes", () => {
    expect(requiredOrderInputs("indicators.sma", {}), "not an order node").toEqual([]);
  });
});
