import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BinaryOperator, type FormulaNode, KEYWORDS, MAX_FORMULA_LENGTH, parseFormula } from "./parser";
import { printFormula } from "./print";

/** A bracketed prefix form that shows the tree's shape in one line. */
function shape(node: FormulaNode): string {
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "name":
      return node.name;
    case "call":
      return `${node.name}(${node.args.map(shape).join(" ")})`;
    case "unary":
      return `(${node.operator} ${shape(node.operand)})`;
    case "binary":
      return `(${node.operator} ${shape(node.left)} ${shape(node.right)})`;
  }
}

function parsedShape(text: string): string {
  const result = parseFormula(text);
  if (!result.ok) throw new Error(result.message);
  return shape(result.ast);
}

function errorOf(text: string): { message: string; column: number } {
  const result = parseFormula(text);
  if (result.ok) throw new Error(`"${text}" parsed`);
  return { message: result.message, column: result.column };
}

/** Columns are where text sits; a reprinted formula moves them, so comparisons ignore them. */
function withoutColumns(node: FormulaNode): unknown {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === "column" ? undefined : value)));
}

describe("formula parser", () => {
  it.each(
    [
      ["1 + 2 * 3", "(+ 1 (* 2 3))", "* binds tighter than +"],
      ["a - b - c", "(- (- a b) c)", "- is left-associative"],
      ["a / b * c", "(* (/ a b) c)", "/ and * are left-associative at one level"],
      ["2 ^ 3 ^ 2", "(^ 2 (^ 3 2))", "^ is right-associative as in mathematics"],
      ["-2 ^ 2", "(- (^ 2 2))", "unary minus is looser than ^, so -2^2 = -4"],
      ["2 ^ -1", "(^ 2 (- 1))", "an exponent may be negative"],
      ["not a > b and c", "(and (not (> a b)) c)", "not is looser than comparison, tighter than and"],
      ["a or b and c", "(or a (and b c))", "and is tighter than or"],
      [
        "(close - sma(close, 20)) / stdev(close, 20)",
        "(/ (- close sma(close 20)) stdev(close 20))",
        "the default formula",
      ],
      ["f()", "f()", "a call without arguments"],
      ["1.5e3 + .25", "(+ 1500 0.25)", "decimals and exponents"],
    ].filter(([, expected]) => expected !== ""),
  )("parses %s as %s (%s)", (text, expected, why) => {
    expect(parsedShape(text), why).toBe(expected);
  });

  it.each([
    ["(close - open", 14, 'Expected ")" at column 14.'],
    ["sma(close, 20", 14, 'Expected "," or ")" at column 14.'],
    ["close +", 8, 'Expected a number, a name or "(" at column 8, found the end of the formula.'],
    ["close open", 7, 'Expected an operator or the end of the formula at column 7, found "open".'],
    ["close $ 2", 7, 'Unexpected character "$" at column 7.'],
    ["close = open", 7, 'Use "==" to compare at column 7.'],
    ["x && y", 3, 'Use "and" instead of "&&" at column 3.'],
    ["!x", 1, 'Use "not" instead of "!" at column 1.'],
    ["2 ** 3", 3, 'Use "^" for powers instead of "**" at column 3.'],
    ["1 < x < 3", 7, 'Comparisons cannot be chained at column 7; write "a < b and b < c" instead.'],
    ["x and and y", 7, 'Expected a number, a name or "(" at column 7, found "and".'],
    ["1e999", 1, "The number at column 1 is too large."],
    ["   ", 1, "The formula is empty. Write an expression such as close - sma(close, 20)."],
  ])("reports %j at column %i as: %s", (text, column, message) => {
    expect(errorOf(text), "the sentence names what is wrong; the column points at it").toEqual({
      message,
      column,
    });
  });

  it("refuses a formula longer than the limit", () => {
    const text = `1${" + 1".repeat(MAX_FORMULA_LENGTH / 4)}`;
    expect(errorOf(text).message, "2001 characters is one too many").toBe(
      `The formula is ${text.length} characters long; the limit is ${MAX_FORMULA_LENGTH}.`,
    );
  });

  it("accepts 64 levels of nesting and refuses 65", () => {
    const nested = (levels: number) => `${"(".repeat(levels - 1)}1${")".repeat(levels - 1)}`;
    expect(parseFormula(nested(64)).ok, "the whole formula is level 1, each bracket one more").toBe(true);
    expect(errorOf(nested(65)).message, "past the limit the parser stops before the stack does").toBe(
      "The formula nests more than 64 levels deep at column 65; split it into several formula nodes.",
    );
    expect(errorOf("-".repeat(100)).message, "prefix operators nest too").toContain(
      "nests more than 64 levels",
    );
  });

  it("never throws, whatever the text", () => {
    const formulaish = fc.string({
      unit: fc.constantFrom(..."0123456789.eE+-*/^()<>=!&|, abcxyz_notandor\t$".split("")),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), formulaish), (text) => {
        const result = parseFormula(text);
        if (!result.ok) {
          expect(
            result.column,
            "an error column lies within the text or just after it",
          ).toBeGreaterThanOrEqual(1);
          expect(result.column, "an error column lies within the text or just after it").toBeLessThanOrEqual(
            text.length + 1,
          );
        }
      }),
      { numRuns: 3000 },
    );
  });

  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((text) => !KEYWORDS.has(text));
  const binaryOperators: BinaryOperator[] = [
    "+",
    "-",
    "*",
    "/",
    "^",
    ">",
    ">=",
    "<",
    "<=",
    "==",
    "!=",
    "and",
    "or",
  ];
  const { tree } = fc.letrec<{ tree: FormulaNode }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc
        .double({ min: 0, max: 1e9, noNaN: true })
        .map((value): FormulaNode => ({ kind: "number", value: Math.abs(value), column: 0 })),
      name.map((text): FormulaNode => ({ kind: "name", name: text, column: 0 })),
      fc
        .record({ name, args: fc.array(tie("tree"), { maxLength: 3 }) })
        .map((call): FormulaNode => ({ kind: "call", ...call, column: 0 })),
      fc
        .record({ operator: fc.constantFrom("-" as const, "not" as const), operand: tie("tree") })
        .map((unary): FormulaNode => ({ kind: "unary", ...unary, column: 0 })),
      fc
        .record({ operator: fc.constantFrom(...binaryOperators), left: tie("tree"), right: tie("tree") })
        .map((binary): FormulaNode => ({ kind: "binary", ...binary, column: 0 })),
    ),
  }));

  it("reads back what it prints: parse(print(tree)) is the same tree", () => {
    fc.assert(
      fc.property(tree, (ast) => {
        const text = printFormula(ast);
        const reparsed = parseFormula(text);
        // Chained comparisons are not formulas; the printer brackets them, so every tree prints.
        expect(reparsed.ok, `"${text}" must parse`).toBe(true);
        if (reparsed.ok)
          expect(withoutColumns(reparsed.ast), `"${text}" must keep its shape`).toEqual(withoutColumns(ast));
      }),
      { numRuns: 2000 },
    );
  });

  it("prints only the brackets the meaning needs", () => {
    const reprint = (text: string) => {
      const result = parseFormula(text);
      if (!result.ok) throw new Error(result.message);
      return printFormula(result.ast);
    };
    expect(reprint("((a + b)) + (c)"), "redundant brackets go").toBe("a + b + c");
    expect(reprint("a - (b - c)"), "brackets that change the result stay").toBe("a - (b - c)");
    expect(reprint("(-2) ^ 2"), "a negative base keeps its brackets").toBe("(-2) ^ 2");
    expect(reprint("(a < b) == c"), "comparisons do not chain, so the inner one keeps its brackets").toBe(
      "(a < b) == c",
    );
    expect(reprint("not (a and b)"), "not binds tighter than and").toBe("not (a and b)");
  });
});
