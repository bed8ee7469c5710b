import { describe, expect, it } from "vitest";
import { compile } from "@/engine-runtime/compiler";
import { chainGraph } from "@/engine-runtime/compiler/testing/graphs";
import { runBlocker } from "./run-blocker";

const empty = { version: 1, nodes: [], edges: [], blocks: {}, meta: {} };

describe("runBlocker", () => {
  it("lets a strategy that compiles and trades run", () => {
    expect(
      runBlocker(compile(chainGraph(60)).diagnostics),
      "a graph with an Enter Long node",
    ).toBeUndefined();
  });

  it("asks for an order node when nothing trades", () => {
    expect(runBlocker(compile(empty).diagnostics), "an empty canvas has nothing to backtest").toBe(
      "Nothing trades yet: add an Enter Long or Enter Short node first",
    );
  });

  it("counts the errors to fix first", () => {
    const graph = chainGraph(60);
    const broken = {
      ...graph,
      nodes: [...graph.nodes, { ...graph.nodes[3], id: "x", type: "indicators.nope" }],
    };
    expect(runBlocker(compile(broken).diagnostics), "an unknown node type is one error").toBe(
      "Fix 1 problem first",
    );
  });
});
