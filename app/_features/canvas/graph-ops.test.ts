import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "@/engine-runtime/compiler";
import { emptyGraph, type Graph } from "@/nodes/core/graph";
import { judgeConnection } from "@/nodes/core/ports";
import {
  addNode,
  connect,
  copyFragment,
  groupIntoBlock,
  judgeEdge,
  parseFragment,
  pasteFragment,
  removeItems,
  setParam,
} from "./graph-ops";

/** The golden cross, drawn the way the canvas draws it: node by node, edge by edge. */
function goldenCross(): Graph {
  let graph = emptyGraph();
  const place = (type: string) => {
    const [next, id] = addNode(graph, type, { x: graph.nodes.length * 250, y: 0 });
    graph = next;
    return id;
  };
  const price = place("data.priceFeed");
  const fast = place("indicators.sma");
  const slow = place("indicators.sma");
  const above = place("logic.crossesAbove");
  const below = place("logic.crossesBelow");
  const enter = place("orders.enterLong");
  const exit = place("orders.exit");
  graph = setParam(graph, fast, "period", 10);
  const wire = (source: string, sourceHandle: string, target: string, targetHandle: string) => {
    graph = connect(graph, { source, sourceHandle, target, targetHandle });
  };
  wire(price, "value", fast, "source");
  wire(price, "value", slow, "source");
  wire(fast, "value", above, "a");
  wire(slow, "value", above, "b");
  wire(fast, "value", below, "a");
  wire(slow, "value", below, "b");
  wire(above, "result", enter, "when");
  wire(below, "result", exit, "when");
  return graph;
}

describe("drawing a graph", () => {
  it("names new nodes after their type with the first free number", () => {
    const graph = goldenCross();
    expect(
      graph.nodes.map((n) => n.id),
      "ids read like the node they name, numbered per type",
    ).toEqual(["priceFeed1", "sma1", "sma2", "crossesAbove1", "crossesBelow1", "enterLong1", "exit1"]);
    expect(graph.nodes[2].params, "a dropped node starts with its params' defaults").toEqual({ period: 30 });
  });

  it("compiles the golden cross it drew without a single problem", () => {
    const result = compile(goldenCross());
    expect(result.diagnostics, "a complete crossover has nothing to report").toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("refuses price bars into a number input with the compiler's own reason", () => {
    const graph = goldenCross();
    const verdict = judgeEdge(graph, {
      source: "priceFeed1",
      sourceHandle: "bars",
      target: "sma1",
      targetHandle: "source",
    });
    expect(verdict, "the canvas and the compiler judge connections with one rule").toEqual(
      judgeConnection("bars", "series"),
    );
    expect(verdict.ok).toBe(false);
  });

  it("refuses a connection that would close a loop, and says which nodes", () => {
    const verdict = judgeEdge(goldenCross(), {
      source: "crossesAbove1",
      sourceHandle: "result",
      target: "sma1",
      targetHandle: "source",
    });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason, "the reason names both ends").toContain(
      "crossesAbove1 already depends on sma1",
    );
  });

  it("replaces the edge into an input rather than adding a second one", () => {
    const graph = connect(goldenCross(), {
      source: "sma2",
      sourceHandle: "value",
      target: "sma1",
      targetHandle: "source",
    });
    const into = graph.edges.filter((e) => e.target === "sma1" && e.targetHandle === "source");
    expect(
      into.map((e) => e.source),
      "an input takes one edge; the newest wins",
    ).toEqual(["sma2"]);
  });

  it("removes a node together with every edge touching it", () => {
    const graph = removeItems(goldenCross(), ["sma2"], []);
    expect(
      graph.edges.some((e) => e.source === "sma2" || e.target === "sma2"),
      "no dangling edges",
    ).toBe(false);
    expect(graph.edges).toHaveLength(5);
  });
});

describe("copy and paste", () => {
  it("round-trips through clipboard text with fresh ids and rewired edges", () => {
    const graph = goldenCross();
    const text = JSON.stringify(copyFragment(graph, new Set(["sma1", "crossesAbove1"])));
    const fragment = parseFragment(text);
    expect(fragment?.edges, "only the edge between the copied nodes travels").toHaveLength(1);
    const [pasted, ids] = pasteFragment(graph, fragment!, { x: 40, y: 40 });
    expect(ids, "pasted nodes never take an id in use").toEqual(["sma3", "crossesAbove2"]);
    expect(pasted.edges.at(-1), "the copied edge joins the copies").toMatchObject({
      source: "sma3",
      target: "crossesAbove2",
      targetHandle: "a",
    });
    expect(pasted.nodes.find((n) => n.id === "sma3")?.params.period, "params travel with the node").toBe(10);
  });

  it("ignores clipboard text that is not a Strata fragment", () => {
    expect(parseFragment("hello"), "plain text is not pasted as nodes").toBeUndefined();
    expect(parseFragment('{"nodes":[]}'), "JSON of another kind is not pasted").toBeUndefined();
  });

  it("keeps every id unique and every edge attached, whatever is copied and pasted", () => {
    const base = goldenCross();
    const ids = base.nodes.map((n) => n.id);
    fc.assert(
      fc.property(fc.array(fc.subarray(ids, { minLength: 1 }), { minLength: 1, maxLength: 4 }), (copies) => {
        let graph = base;
        for (const chosen of copies) {
          [graph] = pasteFragment(graph, copyFragment(graph, new Set(chosen)), { x: 10, y: 10 });
        }
        const nodeIds = graph.nodes.map((n) => n.id);
        expect(new Set(nodeIds).size, "no two nodes share an id").toBe(nodeIds.length);
        for (const edge of graph.edges) {
          expect(nodeIds, `edge ${edge.id} starts at a node`).toContain(edge.source);
          expect(nodeIds, `edge ${edge.id} ends at a node`).toContain(edge.target);
        }
        const codes = compile(graph).diagnostics.map((d) => d.code);
        expect(codes, "pasting never makes ids collide").not.toContain("duplicate-id");
        expect(codes, "pasting never leaves edges dangling").not.toContain("dangling-edge");
      }),
      { numRuns: 60 },
    );
  });
});

describe("grouping into a custom block", () => {
  it("runs the same plan after the indicators and conditions become one block", () => {
    const graph = goldenCross();
    const grouped = groupIntoBlock(
      graph,
      new Set(["sma1", "sma2", "crossesAbove1", "crossesBelow1"]),
      "MA cross",
    );
    expect(grouped.ok, "four series nodes with one input and two outputs fit a block").toBe(true);
    if (!grouped.ok) return;
    const block = Object.values(grouped.graph.blocks)[0];
    expect(
      block.inputs.map((i) => `${i.node}.${i.port}`),
      "the price enters both averages",
    ).toEqual(["sma1.source", "sma2.source"]);
    expect(block.outputs.map((o) => `${o.node}.${o.port}`)).toEqual([
      "crossesAbove1.result",
      "crossesBelow1.result",
    ]);
    expect(grouped.graph.nodes, "four nodes became one").toHaveLength(4);
    const before = compile(graph);
    const after = compile(grouped.graph);
    expect(after.diagnostics, "the grouped graph compiles cleanly").toEqual([]);
    expect(
      after.plan?.steps.map((s) => s.op),
      "the same computations run, in the same order",
    ).toEqual(before.plan?.steps.map((s) => s.op));
    expect(after.plan?.orders, "and the same order rules").toEqual(before.plan?.orders);
    expect(
      block.params.map((p) => `${p.node}.${p.param}`),
      "the averages' periods and the crosses' fixed levels stay tunable from the block node",
    ).toEqual(["sma1.period", "sma2.period", "crossesAbove1.value", "crossesBelow1.value"]);
    const retuned = setParam(grouped.graph, grouped.nodeId, "values", { "sma1.period": 12 });
    expect(
      compile(retuned)
        .plan?.steps.filter((s) => s.op === "indicators.sma")
        .map((s) => s.params.period),
      "a value set on the block node reaches the SMA inside it; the other keeps its 30",
    ).toEqual([12, 30]);
  });

  it("refuses a group that would carry price bars out of the block", () => {
    const result = groupIntoBlock(goldenCross(), new Set(["priceFeed1", "sma1"]), "Prices");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain("Price Feed cannot go inside a block");
  });
});
