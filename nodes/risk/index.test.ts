import { describe, expect, it } from "vitest";
import { riskNodes } from "./index";

describe("risk catalogue", () => {
  it("lists its nodes sorted by type, each passing an order through", () => {
    const types = riskNodes.map((node) => node.type);
    expect(types, "the registry is an explicit sorted list").toEqual([...types].sort());
    for (const node of riskNodes) {
      const inOut = [node.inputs[0].type, node.outputs.map((port) => port.type)];
      expect(inOut, `${node.type} takes an order and gives one back`).toEqual(["order", ["order"]]);
    }
  });
});
