import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogue } from "@/nodes/catalogue";
import { defineNode } from "@/nodes/core/define";
import type { Graph } from "@/nodes/core/graph";
import { Registry } from "@/nodes/core/registry";
import { compile, DIAGNOSTIC_CODES, type Diagnostic } from "./index";
import { graphOf, testRegistry } from "./testing/nodes";

type NodeSpec = Parameters<typeof graphOf>[0][number];
type EdgeSpec = Parameters<typeof graphOf>[1][number];

/** The golden cross: price → SMA(10), SMA(30) → Crosses Above → Enter Long. */
const NODES: NodeSpec[] = [
  ["price", "data.priceFeed"],
  ["fast", "indicators.sma", { period: 10 }],
  ["slow", "indicators.sma", { period: 30 }],
  ["cross", "logic.crossesAbove"],
  ["buy", "orders.enterLong"],
];
const EDGES: EdgeSpec[] = [
  "price.value->fast.source",
  "price.value->slow.source",
  "fast.value->cross.a",
  "slow.value->cross.b",
  "cross.result->buy.when",
];

function diagnose(graph: unknown, options: Parameters<typeof compile>[1] = {}): Diagnostic[] {
  return compile(graph, { registry: testRegistry, ...options }).diagnostics;
}

function only(diagnostics: Diagnostic[], code: Diagnostic["code"]): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  expect(found, `exactly one ${code} among ${JSON.stringify(diagnostics)}`).toHaveLength(1);
  return found[0];
}

const seen = new Set<string>();
function expectDiagnostic(diagnostics: Diagnostic[], expected: Diagnostic): void {
  seen.add(expected.code);
  expect(only(diagnostics, expected.code), `the ${expected.code} diagnostic, word for word`).toEqual(
    expected,
  );
}

describe("compiler diagnostics", () => {
  it("the golden cross itself compiles without any diagnostic", () => {
    expect(diagnose(graphOf(NODES, EDGES)), "a complete strategy has nothing to report").toEqual([]);
  });

  it("invalid-graph: names the zod path at fault, and garbage JSON", () => {
    expectDiagnostic(diagnose({ version: 1, nodes: [{ id: 5, type: "indicators.sma" }], edges: [] }), {
      severity: "error",
      code: "invalid-graph",
      message: "The graph is not valid at nodes[0].id: it must be text (got 5).",
    });
    expect(diagnose("{nope")[0].message, "text that is not JSON").toMatch(/^The graph is not valid JSON: /);
    expect(diagnose(42)[0].message, "a number is no graph").toBe(
      "The graph must be a JSON object with version, nodes and edges.",
    );
  });

  it("unsupported-version: a graph from a newer Strata", () => {
    expectDiagnostic(diagnose({ version: 9, nodes: [], edges: [] }), {
      severity: "error",
      code: "unsupported-version",
      message:
        "This graph was saved by a newer Strata (graph version 9); this one reads versions up to 1. Update Strata to open it.",
    });
  });

  it("migration-failed: a node migration that cannot read the old params", () => {
    const graph = graphOf([...NODES, ["tw", "custom.twice"]], [...EDGES, "price.value->tw.x"]);
    graph.nodes[5].typeVersion = 1;
    expectDiagnostic(diagnose(graph), {
      severity: "error",
      code: "migration-failed",
      nodeId: "tw",
      message:
        "Twice “tw”: its settings from version 1 could not be brought up to date (gain is not a number). Check its params in the inspector.",
    });
  });

  it("unknown-node-type: lists the close matches the registry knows", () => {
    const small = new Registry([catalogue.get("data.priceFeed"), catalogue.get("indicators.sma")]);
    const graph = graphOf(
      [
        ["price", "data.priceFeed"],
        ["x", "indicators.smaa"],
      ],
      ["price.value->x.source"],
    );
    expectDiagnostic(diagnose(graph, { registry: small }), {
      severity: "error",
      code: "unknown-node-type",
      nodeId: "x",
      message: 'Node “x”: There is no node type "indicators.smaa". Did you mean "indicators.sma"?',
    });
  });

  it("duplicate-id: two nodes, and two edges, with one id", () => {
    expectDiagnostic(diagnose(graphOf([...NODES, ["fast", "indicators.ema"]], EDGES)), {
      severity: "error",
      code: "duplicate-id",
      nodeId: "fast",
      message: "Two nodes share the id “fast”. Give each node its own id.",
    });
    const graph = graphOf(NODES, EDGES);
    graph.edges[1].id = graph.edges[0].id;
    expect(only(diagnose(graph), "duplicate-id").message, "edges are named too").toBe(
      "Two edges share the id “e1”. Give each edge its own id.",
    );
  });

  it("dangling-edge: a missing node and a missing handle", () => {
    const diagnostics = diagnose(graphOf(NODES, [...EDGES, "ghost.value->cross.a"]));
    expect(
      diagnostics.find((d) => d.code === "dangling-edge"),
      "edge from a node that is gone",
    ).toEqual({
      severity: "error",
      code: "dangling-edge",
      edgeId: "e6",
      message: "Edge “e6” starts at node “ghost”, which does not exist. Delete the edge.",
    });
    expectDiagnostic(
      diagnose(graphOf(NODES, [...EDGES.slice(0, 1), "price.nope->slow.source", ...EDGES.slice(2)])),
      {
        severity: "error",
        code: "dangling-edge",
        edgeId: "e2",
        nodeId: "price",
        port: "nope",
        message:
          "Edge “e2” leaves Price Feed “price” from output “nope”, which it does not have (its outputs: bars, value). Reconnect or delete the edge.",
      },
    );
  });

  it("missing-input: a required input left empty, and a limit order without its limit price", () => {
    expectDiagnostic(
      diagnose(
        graphOf(
          NODES,
          EDGES.filter((e) => e !== "fast.value->cross.a"),
        ),
      ),
      {
        severity: "error",
        code: "missing-input",
        nodeId: "cross",
        port: "a",
        message: "Crosses Above “cross”: input “A” is not connected. Connect a number series to it.",
      },
    );
    const limit = graphOf([...NODES.slice(0, 4), ["buy", "orders.enterLong", { orderType: "limit" }]], EDGES);
    expect(
      only(diagnose(limit), "missing-input").message,
      "the order type decides which prices are required",
    ).toBe("Enter Long “buy”: input “Limit price” is not connected. Connect a number series to it.");
  });

  it("missing-input on a macro's own input is reported on the macro, not on its inner nodes", () => {
    const graph = graphOf(
      [...NODES, ["tw", "custom.twice"]],
      [...EDGES.filter((e) => e !== "price.value->slow.source"), "tw.value->slow.source"],
    );
    expect(only(diagnose(graph), "missing-input"), "the trader never sees the inner Add node").toMatchObject({
      nodeId: "tw",
      port: "x",
      message: "Twice “tw”: input “X” is not connected. Connect a number series to it.",
    });
  });

  it("type-mismatch: uses judgeConnection and names both types", () => {
    expectDiagnostic(diagnose(graphOf(NODES, [...EDGES.slice(0, 4), "fast.value->buy.when"])), {
      severity: "error",
      code: "type-mismatch",
      edgeId: "e5",
      nodeId: "buy",
      port: "when",
      message:
        "Edge “e5” from SMA “fast” (value: number series) to Enter Long “buy” (when: true/false series): A number series output cannot connect to a true/false series input. Put a Compare or Crosses node between them to turn numbers into true/false.",
    });
  });

  it("multiple-edges-into-input: two edges into one input", () => {
    expectDiagnostic(diagnose(graphOf(NODES, [...EDGES, "slow.value->cross.a"])), {
      severity: "error",
      code: "multiple-edges-into-input",
      nodeId: "cross",
      port: "a",
      edgeId: "e6",
      message:
        "Input “A” of Crosses Above “cross” has 2 edges (“e3”, “e6”); an input takes one value, so delete all but one.",
    });
  });

  it("cycle: lists the nodes of the loop", () => {
    const graph = graphOf(
      [...NODES, ["add", "math.add"], ["mul", "math.multiply"]],
      [...EDGES, "fast.value->add.a", "add.value->mul.a", "mul.value->add.b"],
    );
    expectDiagnostic(diagnose(graph), {
      severity: "error",
      code: "cycle",
      nodeId: "add",
      message:
        "Nodes “add” and “mul” feed each other in a loop. A strategy flows one way, from prices to orders: delete one of the edges between them.",
    });
  });

  it("invalid-param: the param's name and zod's reason, in words", () => {
    const graph = graphOf(
      [NODES[0], ["sma1", "indicators.sma", { period: 1 }], ...NODES.slice(2)],
      ["price.value->sma1.source", "price.value->slow.source", "sma1.value->cross.a", ...EDGES.slice(3)],
    );
    expectDiagnostic(diagnose(graph), {
      severity: "error",
      code: "invalid-param",
      nodeId: "sma1",
      param: "period",
      message: "SMA “sma1”: period must be at least 2 (got 1).",
    });
    const notWhole = graphOf(
      [NODES[0], ["fast", "indicators.sma", { period: 2.5 }], ...NODES.slice(2)],
      EDGES,
    );
    expect(only(diagnose(notWhole), "invalid-param").message, "zod's int check").toBe(
      "SMA “fast”: period must be a whole number (got 2.5).",
    );
  });

  it("expansion-failed: a macro's own error keeps its param and column", () => {
    expectDiagnostic(
      diagnose(graphOf([...NODES, ["tw", "custom.twice", { fail: true }]], [...EDGES, "price.value->tw.x"])),
      {
        severity: "error",
        code: "expansion-failed",
        nodeId: "tw",
        param: "formula",
        column: 7,
        message: "Twice “tw”: Unexpected “)” at column 7.",
      },
    );
  });

  it("expansion-failed: a formula's parse error points at its column; an unknown custom block is named", () => {
    const formula = graphOf(
      [
        ...NODES.slice(0, 3),
        ["f", "custom.formula", { expression: "close - sma(close, 20))" }],
        ...NODES.slice(3),
      ],
      [...EDGES.filter((e) => e !== "fast.value->cross.a"), "f.value->cross.a"],
    );
    expect(only(diagnose(formula), "expansion-failed"), "the real formula parser's message").toEqual({
      severity: "error",
      code: "expansion-failed",
      nodeId: "f",
      param: "expression",
      column: 23,
      message: 'Formula “f”: Expected an operator or the end of the formula at column 23, found ")".',
    });
    const block = graphOf(
      [...NODES.slice(0, 3), ["b", "custom.block", { block: "nope" }], ...NODES.slice(3)],
      [...EDGES.filter((e) => e !== "fast.value->cross.a"), "b.out1->cross.a"],
    );
    expect(only(diagnose(block), "expansion-failed").message, "the block is looked up in the graph").toBe(
      'Custom Block “b”: There is no custom block "nope" in this strategy. Pick one of this strategy\'s blocks.',
    );
  });

  it("expansion-failed: an unconnected formula is still read, and its mistake is a warning", () => {
    const result = compile(
      graphOf([...NODES, ["f", "custom.formula", { expression: "close + foo(3)" }]], EDGES),
      {
        registry: testRegistry,
      },
    );
    expect(result.ok, "a formula with no effect yet does not stop the strategy").toBe(true);
    expect(
      only(result.diagnostics, "expansion-failed"),
      "the mistake, where it is, while the node waits",
    ).toEqual({
      severity: "warning",
      code: "expansion-failed",
      nodeId: "f",
      param: "expression",
      column: 9,
      message: expect.stringMatching(/^Formula “f”: Unknown function "foo" at column 9\./),
    });
    expect(only(result.diagnostics, "unconnected-node").nodeId, "and why it has no effect").toBe("f");
  });

  it("invalid-order: risk sizing without a stop loss", () => {
    const graph = graphOf(
      [...NODES, ["size", "risk.positionSize", { mode: "riskPercent", amount: 1 }]],
      [...EDGES, "buy.order->size.order"],
    );
    expectDiagnostic(diagnose(graph), {
      severity: "error",
      code: "invalid-order",
      nodeId: "size",
      message:
        "Position Size “size”: the position is sized by risk but the order has no stop loss. Add a Stop Loss node to the chain.",
    });
  });

  it("unconnected-node: a warning, and the rest still compiles", () => {
    const result = compile(graphOf([...NODES, ["lonely", "indicators.sma"]], EDGES), {
      registry: testRegistry,
    });
    expect(result.ok, "an idle node does not stop the strategy").toBe(true);
    expectDiagnostic(result.diagnostics, {
      severity: "warning",
      code: "unconnected-node",
      nodeId: "lonely",
      message: "SMA “lonely” is not connected to anything, so it has no effect. Connect it or delete it.",
    });
  });

  it("no-order-node: a warning while nothing trades", () => {
    expectDiagnostic(diagnose(graphOf(NODES.slice(0, 4), EDGES.slice(0, 4))), {
      severity: "warning",
      code: "no-order-node",
      message: "Nothing trades yet: add an Enter Long or Enter Short node.",
    });
  });

  it("warmup-exceeds-data: SMA(30) then a crossing needs 30 bars", () => {
    expectDiagnostic(diagnose(graphOf(NODES, EDGES), { dataLength: 20 }), {
      severity: "warning",
      code: "warmup-exceeds-data",
      message:
        "The strategy needs 30 bars to warm up, but the data has 20 bars, so it can never trade. Use more data or shorter indicator periods.",
    });
    expect(diagnose(graphOf(NODES, EDGES), { dataLength: 31 }), "31 bars leave one bar to trade on").toEqual(
      [],
    );
  });

  it("internal-error: a node that throws is reported, never thrown", () => {
    const broken = defineNode({
      type: "math.broken",
      version: 1,
      title: "Broken",
      category: "math",
      description: "A node whose warm-up throws.",
      inputs: [{ name: "x", type: "series", label: "X" }],
      outputs: [{ name: "value", type: "series", label: "Value" }],
      params: z.object({}),
      warmup: () => {
        throw new Error("no warm-up today");
      },
      kernel: () => ({ run() {} }),
    });
    const registry = new Registry([catalogue.get("data.priceFeed"), broken]);
    const graph: Graph = graphOf(
      [
        ["price", "data.priceFeed"],
        ["b", "math.broken"],
      ],
      ["price.value->b.x"],
    );
    expectDiagnostic(diagnose(graph, { registry }), {
      severity: "error",
      code: "internal-error",
      message:
        "The compiler failed on this graph (no warm-up today). This is a bug in Strata; please report it with the graph.",
    });
  });

  it("every diagnostic code has an example above", () => {
    expect([...seen].sort(), "codes without an example").toEqual([...DIAGNOSTIC_CODES].sort());
  });
});
