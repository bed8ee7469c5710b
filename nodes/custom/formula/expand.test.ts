import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ExpandResult, Expansion } from "@/nodes/core/define";
import { columnsOf } from "@/nodes/core/ports";
import { Registry } from "@/nodes/core/registry";
import { FormulaExpander } from "./expand";
import { FormulaError, parseFormula } from "./parser";
import { runExpansion } from "./run-expansion";
import { testNodes, testRegistry } from "./test-nodes";

function expand(text: string, connected?: readonly string[], registry = testRegistry): ExpandResult {
  const parsed = parseFormula(text);
  if (!parsed.ok) return { ok: false, message: parsed.message, column: parsed.column };
  try {
    return { ok: true, expansion: new FormulaExpander(registry, connected).expand(parsed.ast) };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, message: error.message, column: error.column };
    throw error;
  }
}

function expansionOf(text: string, connected?: readonly string[]): Expansion {
  const result = expand(text, connected);
  if (!result.ok) throw new Error(result.message);
  return result.expansion;
}

function errorOf(text: string, connected?: readonly string[], registry = testRegistry): string {
  const result = expand(text, connected, registry);
  if (result.ok) throw new Error(`"${text}" expanded`);
  return result.message;
}

const types = (expansion: Expansion) => expansion.nodes.map((node) => node.type);

/** Five bars whose closes are 1, 2, 4, 7, 11; highs one above and lows one below. */
const close = Float64Array.from([1, 2, 4, 7, 11]);
const bars = [
  Float64Array.from([0, 1, 2, 3, 4]),
  close.map((c) => c - 0.5),
  close.map((c) => c + 1),
  close.map((c) => c - 1),
  close,
  Float64Array.from([100, 100, 100, 100, 100]),
];

/**
 * Checks what the compiler relies on: unique ids, edges between existing ports from earlier to
 * later nodes (a DAG), and every required input fed exactly once by an edge or a forward.
 */
function expectWellFormed(expansion: Expansion, text: string): void {
  const index = new Map(expansion.nodes.map((node, i) => [node.id, i]));
  expect(index.size, `${text}: ids are unique`).toBe(expansion.nodes.length);
  const fed = new Map<string, number>();
  for (const edge of expansion.edges) {
    const source = expansion.nodes[index.get(edge.source)!];
    const target = expansion.nodes[index.get(edge.target)!];
    expect(index.get(edge.source)!, `${text}: ${edge.id} runs forward`).toBeLessThan(index.get(edge.target)!);
    expect(
      testRegistry.get(source.type).outputs.map((p) => p.name),
      `${text}: ${edge.id} source port`,
    ).toContain(edge.sourceHandle);
    expect(
      testRegistry.get(target.type).inputs.map((p) => p.name),
      `${text}: ${edge.id} target port`,
    ).toContain(edge.targetHandle);
    fed.set(`${edge.target}.${edge.targetHandle}`, (fed.get(`${edge.target}.${edge.targetHandle}`) ?? 0) + 1);
  }
  for (const targets of Object.values(expansion.inputs)) {
    for (const { node, port } of targets) fed.set(`${node}.${port}`, (fed.get(`${node}.${port}`) ?? 0) + 1);
  }
  for (const node of expansion.nodes) {
    for (const port of testRegistry.get(node.type).inputs) {
      expect(fed.get(`${node.id}.${port.name}`), `${text}: ${node.id}.${port.name} is fed once`).toBe(1);
    }
  }
  expect(index.has(expansion.outputs.value.node), `${text}: the output is an inner node`).toBe(true);
}

describe("formula expansion", () => {
  it("expands the default formula into price, SMA, stdev and arithmetic nodes", () => {
    const expansion = expansionOf("(close - sma(close, 20)) / stdev(close, 20)", []);
    expect(types(expansion), "one feed and one close, shared by every use").toEqual([
      "data.priceFeed",
      "data.barField",
      "indicators.sma",
      "math.subtract",
      "math.stdev",
      "math.divide",
    ]);
    expect(expansion.nodes[2].params, "sma's second argument is its period").toEqual({ period: 20 });
    expect(expansion.outputs.value, "the division is the result").toEqual({ node: "f6", port: "value" });
    expectWellFormed(expansion, "default");
  });

  it("computes the z-score it stands for", () => {
    const value = runExpansion(
      expansionOf("(close - sma(close, 3)) / stdev(close, 3)", []),
      testRegistry,
      bars,
    );
    // Bar 2: the window is 1, 2, 4; mean 7/3; population variance ((4/3)² + (1/3)² + (5/3)²) / 3 = 14/9.
    const expected = (4 - 7 / 3) / Math.sqrt(14 / 9);
    expect(Array.from(value.slice(0, 2)), "the first two bars are the windows' warm-up").toEqual([
      Number.NaN,
      Number.NaN,
    ]);
    expect(value[2], "close minus its mean over the spread, not the mean minus close").toBeCloseTo(
      expected,
      12,
    );
  });

  it("forwards a connected bars input instead of adding a price feed", () => {
    const expansion = expansionOf("high - low", ["bars"]);
    expect(types(expansion), "no feed of its own").toEqual([
      "data.barField",
      "data.barField",
      "math.subtract",
    ]);
    expect(expansion.inputs, "both prices read the formula's bars; unused inputs forward nowhere").toEqual({
      bars: [
        { node: "f1", port: "bars" },
        { node: "f2", port: "bars" },
      ],
      x: [],
      y: [],
      z: [],
    });
    expect(
      Array.from(runExpansion(expansion, testRegistry, bars)),
      "high minus low is 2 on every bar",
    ).toEqual([2, 2, 2, 2, 2]);
  });

  it("wires x, y and z to the node's inputs in the order written", () => {
    const expansion = expansionOf("x / y - z", ["x", "y", "z"]);
    const x = Float64Array.from([8, 9, 0, 1, 4]);
    const y = Float64Array.from([2, 3, 1, 1, 8]);
    const z = Float64Array.from([1, 1, 1, 0, 0]);
    const value = runExpansion(expansion, testRegistry, bars, { x, y, z });
    expect(Array.from(value), "x / y - z bar by bar, not y / x or z - …").toEqual([3, 2, -1, 1, 0.5]);
  });

  it("passes a bare input through unchanged", () => {
    const expansion = expansionOf("x", ["x"]);
    const x = Float64Array.from([5, -2, 0, 1, 3]);
    expect(Array.from(runExpansion(expansion, testRegistry, bars, { x })), "x × 1 is x").toEqual([
      5, -2, 0, 1, 3,
    ]);
  });

  it("folds a negative number into one constant and negates series by multiplying with -1", () => {
    expect(types(expansionOf("-5")), "a literal stays a literal").toEqual(["data.constant"]);
    expect(expansionOf("-5").nodes[0].params, "the sign is part of the constant").toEqual({ value: -5 });
    const negated = expansionOf("-close", []);
    expect(Array.from(runExpansion(negated, testRegistry, bars)), "minus every close").toEqual([
      -1, -2, -4, -7, -11,
    ]);
  });

  it("creates each constant once", () => {
    expect(
      types(expansionOf("close * 2 + 2", [])).filter((t) => t === "data.constant"),
      "2 is used twice",
    ).toHaveLength(1);
  });

  it("feeds functions that read whole bars from the formula's bars", () => {
    const expansion = expansionOf("range() / 2", []);
    expect(expansion.edges[0], "the feed's bars go to the range node").toMatchObject({
      source: "f1",
      target: "f2",
      targetHandle: "bars",
    });
    expect(Array.from(runExpansion(expansion, testRegistry, bars)), "(high - low) / 2").toEqual([
      1, 1, 1, 1, 1,
    ]);
  });

  it("turns comparisons and logic into true/false values", () => {
    const expansion = expansionOf("close > 3 and not close > 8", []);
    expect(Array.from(runExpansion(expansion, testRegistry, bars)), "only 4 and 7 lie in (3, 8]").toEqual([
      0, 0, 1, 1, 0,
    ]);
  });

  it.each([
    ["x + high + smaa(close, 20)", 'Unknown function "smaa" at column 12. Did you mean "sma"?'],
    ["sma(close)", "sma needs 2 arguments (source, period), got 1 at column 1."],
    [
      "sma(close, x)",
      "The period of sma must be a number written out, like 20, at column 12; it cannot be computed.",
    ],
    ["clos + 1", 'Unknown name "clos" at column 1. Did you mean "close"?'],
    ["sma + 1", '"sma" is a function at column 1: call it with its arguments, like sma(source, period).'],
    ["close(1)", '"close" is a price, not a function, at column 1.'],
    ["y * 2", "The formula uses y at column 1, but the y input is not connected."],
  ])("reports %j as: %s", (text, message) => {
    expect(errorOf(text, ["x"]), "the sentence names the culprit and its column").toBe(message);
  });

  it("passes on a function's own range check with the argument's column", () => {
    expect(errorOf("sma(close, 1)"), "SMA needs a period of at least 2").toMatch(
      /^The period of sma at column 12 is not valid: .+\.$/,
    );
  });

  it("refuses a number series where true/false is needed, and says what to do", () => {
    expect(errorOf("close and close > 1"), "and takes true/false values").toBe(
      'The left side of "and" at column 1 cannot be used there: A number series output cannot connect to a true/false series input. Put a Compare or Crosses node between them to turn numbers into true/false.',
    );
  });

  it("names the missing operator node when the catalogue lacks it", () => {
    expect(types(expansionOf("close ^ 2", [])).at(-1), "^ maps to pow").toBe("math.pow");
    const withoutPow = new Registry(testNodes.filter((node) => node.type !== "math.pow"));
    expect(errorOf("close ^ 2", [], withoutPow), "the message names the operator and the formula name").toBe(
      'The "^" operator at column 7 needs a node whose formula name is "pow" with 2 inputs, and the catalogue has none.',
    );
  });

  /** Formulas that type-check by construction: numbers where numbers go, true/false where that goes. */
  const { numeric, logical } = fc.letrec<{ numeric: string; logical: string }>((tie) => ({
    numeric: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom("close", "open", "hl2", "x", "y", "2", "0.5", "3"),
      fc.constantFrom("sma(close, 2)", "sma(x, 3)", "stdev(y, 2)", "range()"),
      fc
        .tuple(tie("numeric"), fc.constantFrom("+", "-", "*", "/", "^"), tie("numeric"))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie("numeric").map((a) => `-${a}`),
    ),
    logical: fc.oneof(
      { depthSize: "small" },
      fc
        .tuple(tie("numeric"), fc.constantFrom(">", ">=", "<", "<=", "==", "!="), tie("numeric"))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(tie("logical"), fc.constantFrom("and", "or"), tie("logical"))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie("logical").map((a) => `not ${a}`),
    ),
  }));

  /** The formula computed directly, bar by bar: the reference the expanded graph must equal. */
  it("expands every well-typed formula to a DAG that computes the same as the formula", () => {
    const x = Float64Array.from([3, -1, 0, 2.5, 8]);
    const y = Float64Array.from([1, 4, -2, 0, 6]);
    fc.assert(
      fc.property(fc.oneof(numeric, logical), (text) => {
        expectWellFormed(expansionOf(text, ["x", "y"]), text);
        const value = runExpansion(expansionOf(text, ["x", "y"]), testRegistry, bars, { x, y });
        for (let i = 0; i < value.length; i++) {
          expect(
            Object.is(value[i], reference(text, i, x, y)) || value[i] === reference(text, i, x, y),
            `${text} at bar ${i}`,
          ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("returns an error, never throws, for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expect(typeof expand(text, ["x"]).ok, "a result either way").toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });

  it("has test nodes whose outputs are one column each, as the runner assumes", () => {
    for (const node of testRegistry.definitions) {
      if (node.type === "data.priceFeed") continue;
      expect(
        node.outputs.map((p) => columnsOf(p.type)),
        node.type,
      ).toEqual([1]);
    }
  });
});

/**
 * A direct interpreter over the same five bars: no graph, no nodes. Windows (sma, stdev) are taken
 * over leaf series only in the generator above, so NaN never enters a window here.
 */
function reference(text: string, bar: number, x: Float64Array, y: Float64Array): number {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const series: Record<string, Float64Array> = {
    close,
    open: bars[1],
    hl2: bars[2].map((h, i) => (h + bars[3][i]) / 2),
    x,
    y,
  };
  const window = (source: Float64Array, period: number) =>
    bar < period - 1 ? undefined : Array.from(source.slice(bar - period + 1, bar + 1));
  const bool = (b: boolean) => (b ? 1 : 0);
  const nan = (...values: number[]) => values.some(Number.isNaN);
  const at = (node: typeof parsed.ast): number => {
    switch (node.kind) {
      case "number":
        return node.value;
      case "name":
        return series[node.name][bar];
      case "call": {
        if (node.name === "range") return bars[2][bar] - bars[3][bar];
        const source = series[(node.args[0] as { name: string }).name];
        const values = window(source, (node.args[1] as { value: number }).value);
        if (!values) return Number.NaN;
        const mean = values.reduce((s, v) => s + v / values.length, 0);
        if (node.name === "sma") return values.reduce((s, v) => s + v, 0) / values.length;
        return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2 / values.length, 0));
      }
      case "unary": {
        if (node.operator === "-" && node.operand.kind === "number") return -node.operand.value;
        const a = at(node.operand);
        if (nan(a)) return Number.NaN;
        return node.operator === "-" ? -1 * a : bool(a === 0);
      }
      case "binary": {
        const a = at(node.left);
        const b = at(node.right);
        if (nan(a, b)) return Number.NaN;
        const ops: Record<string, () => number> = {
          "+": () => a + b,
          "-": () => a - b,
          "*": () => a * b,
          "/": () => a / b,
          "^": () => a ** b,
          ">": () => bool(a > b),
          ">=": () => bool(a >= b),
          "<": () => bool(a < b),
          "<=": () => bool(a <= b),
          "==": () => bool(a === b),
          "!=": () => bool(a !== b),
          and: () => bool(a !== 0 && b !== 0),
          or: () => bool(a !== 0 || b !== 0),
        };
        return ops[node.operator]();
      }
    }
  };
  return at(parsed.ast);
}
