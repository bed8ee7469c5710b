import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/core/graph";
import { compile } from "./index";
import { graphOf } from "./testing/nodes";

/** Price → SMA(10)/SMA(30) → Crosses Above → Enter Long; each call builds new objects. */
function crossover(): Graph {
  return graphOf(
    [
      ["price", "data.priceFeed"],
      ["fast", "indicators.sma", { period: 10 }],
      ["slow", "indicators.sma", { period: 30 }],
      ["cross", "logic.crossesAbove"],
      ["buy", "orders.enterLong"],
    ],
    [
      "price.value->fast.source",
      "price.value->slow.source",
      "fast.value->cross.a",
      "slow.value->cross.b",
      "cross.result->buy.when",
    ],
  );
}

const paramsOf = (graph: Graph, id: string) => graph.nodes.find((node) => node.id === id)!.params;

describe("params remembered from one compile to the next", () => {
  it("compiles the same graph object to the same result again", () => {
    const graph = crossover();
    const first = compile(graph);
    const again = compile(graph);
    expect(again.json, "a second compile writes the same plan").toBe(first.json);
    expect(again.diagnostics, "and reports the same").toEqual(first.diagnostics);
    expect(again.hash, "and it is the plan of a new copy of the graph").toBe(compile(crossover()).hash);
  });

  it("parses a params object changed in place again", () => {
    const graph = crossover();
    compile(graph);
    paramsOf(graph, "fast").period = 12;
    const changed = compile(graph);
    expect(
      changed.plan?.steps.map((step) => step.params.period),
      "the new period is in the plan",
    ).toContain(12);
    expect(changed.json, "as if the graph were new").toBe(compile(structuredClone(graph)).json);

    paramsOf(graph, "fast").period = 1;
    const invalid = compile(graph);
    expect(invalid.ok, "an invalid period stops the compile").toBe(false);
    expect(
      invalid.diagnostics.map((d) => d.message),
      "with the schema's own sentence",
    ).toEqual(["SMA “fast”: period must be at least 2 (got 1)."]);
  });

  it("parses params again when a key is added or removed", () => {
    const graph = crossover();
    compile(graph);
    paramsOf(graph, "slow").unknown = "kept out";
    expect(compile(graph).json, "an extra key changes nothing the schema keeps").toBe(
      compile(structuredClone(graph)).json,
    );
    delete paramsOf(graph, "slow").period;
    delete paramsOf(graph, "slow").unknown;
    const defaulted = compile(graph);
    expect(
      defaulted.plan?.steps.find((step) => step.op === "indicators.sma" && step.params.period !== 10)?.params,
      "a removed period falls back to the default, 30",
    ).toEqual({ period: 30 });
    expect(defaulted.json, "as if the graph were new").toBe(compile(structuredClone(graph)).json);
  });

  it("gives each compile its own params objects", () => {
    const graph = crossover();
    for (let k = 0; k < 2; k++) {
      const earlier = compile(graph);
      earlier.plan!.steps.find((step) => step.op === "indicators.sma")!.params.period = 99;
    }
    const later = compile(graph);
    expect(
      later.plan?.steps.filter((step) => step.op === "indicators.sma").map((step) => step.params.period),
      "changing earlier results' plans leaves the next compile alone",
    ).toEqual([10, 30]);
    expect(later.json, "whose bytes are those of a new graph").toBe(compile(crossover()).json);
  });
});
