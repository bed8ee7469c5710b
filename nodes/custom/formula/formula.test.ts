import { describe, expect, it } from "vitest";
import { formula, setFormulaRegistry } from "./formula.node.ts";
import { testRegistry } from "./test-nodes";

const expand = (expression: string | undefined, connected?: readonly string[]) =>
  formula.expand!(formula.params.parse(expression === undefined ? {} : { expression }), {
    blocks: {},
    connected,
  });

describe("Formula node", () => {
  it("refuses to expand before the catalogue is wired in", () => {
    expect(() => expand("close"), "a missing setFormulaRegistry call is a programming error").toThrow(
      "setFormulaRegistry(catalogue) must run before formulas are expanded.",
    );
  });

  it("expands its default z-score formula on the run's own prices", () => {
    setFormulaRegistry(testRegistry);
    const result = expand(undefined, []);
    expect(result.ok, "the default formula is valid").toBe(true);
    if (result.ok)
      expect(result.expansion.nodes[0].type, "nothing connected to bars: the run's instrument").toBe(
        "data.priceFeed",
      );
  });

  it("points a formula error at the expression param and its column", () => {
    setFormulaRegistry(testRegistry);
    expect(
      expand("close + smaa(close, 3)", []),
      "the canvas underlines the column in the expression field",
    ).toEqual({
      ok: false,
      message: 'Unknown function "smaa" at column 9. Did you mean "sma"?',
      param: "expression",
      column: 9,
    });
    expect(expand("(close", []), "parse errors too").toEqual({
      ok: false,
      message: 'Expected ")" at column 7.',
      param: "expression",
      column: 7,
    });
  });

  it("explains an empty or overlong expression in its params", () => {
    const issues = (expression: string) =>
      formula.params.safeParse({ expression }).error?.issues.map((i) => i.message);
    expect(issues(""), "empty").toEqual([
      "The formula is empty. Write an expression such as close - sma(close, 20).",
    ]);
    expect(issues("1+".repeat(1001)), "too long").toEqual([
      "The formula is too long; the limit is 2000 characters.",
    ]);
  });

  it("declares bars and x, y, z as optional inputs and one value output", () => {
    expect(
      formula.inputs.map((p) => [p.name, p.type, p.optional]),
      "all inputs may stay unconnected",
    ).toEqual([
      ["bars", "bars", true],
      ["x", "series", true],
      ["y", "series", true],
      ["z", "series", true],
    ]);
    expect(
      formula.outputs.map((p) => [p.name, p.type]),
      "one number series out",
    ).toEqual([["value", "series"]]);
  });
});
