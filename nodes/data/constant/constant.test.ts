import { describe, expect, it } from "vitest";
import { plain } from "@/nodes/math/testing";
import { constant } from "./constant.node.ts";

describe("Number (constant)", () => {
  it("fills its column with the value, in batch and bar by bar", () => {
    const batch = new Float64Array(4);
    constant.kernel!(constant.params.parse({ value: 70 }), { start: 0 }).run([], [batch], 0, 4);
    const streaming = new Float64Array(4);
    const instance = constant.kernel!(constant.params.parse({ value: 70 }), { start: 0 });
    for (let i = 0; i < 4; i++) instance.run([], [streaming], i, i + 1);
    expect(plain(batch), "a constant is 70 on every bar").toEqual([70, 70, 70, 70]);
    expect(plain(streaming), "streaming gives the same column").toEqual([70, 70, 70, 70]);
  });

  it("rejects a value that is not a finite number", () => {
    expect(
      constant.params.safeParse({ value: Number.POSITIVE_INFINITY }).success,
      "infinity is no price",
    ).toBe(false);
    expect(constant.params.parse({}).value, "a fresh node starts at 0").toBe(0);
  });
});
