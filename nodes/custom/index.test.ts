import { describe, expect, it } from "vitest";
import { customNodes } from "./index";

describe("custom catalogue", () => {
  it("lists its macro nodes sorted by type", () => {
    const types = customNodes.map((node) => node.type);
    expect(types, "the registry is an explicit sorted list").toEqual(["custom.block", "custom.formula"]);
    expect(
      customNodes.every((node) => node.expand !== undefined),
      "custom nodes stand for inner graphs",
    ).toBe(true);
  });
});
