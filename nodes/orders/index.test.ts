import { describe, expect, it } from "vitest";
import { ordersNodes } from "./index";

describe("orders catalogue", () => {
  it("lists its nodes sorted by type, each an order node with an order output", () => {
    const types = ordersNodes.map((node) => node.type);
    expect(types, "the registry is an explicit sorted list").toEqual([...types].sort());
    for (const node of ordersNodes) {
      expect([node.category, node.outputs.map((port) => port.type)], `${node.type} emits one order`).toEqual([
        "orders",
        ["order"],
      ]);
    }
  });
});
