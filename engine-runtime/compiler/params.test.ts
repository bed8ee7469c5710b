import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import type { Graph } from "@/nodes/core/graph";
import { planJson } from "../plan/canonical";
import { nodeType } from "./definitions";
import { type CompileResult, compile } from "./index";
import { quickParse } from "./params";
import { graphOf } from "./testing/nodes";

/** The plan's canonical bytes, to compare compiles by. */
const planBytes = (result: CompileResult) => (result.plan ? planJson(result.plan) : undefined);

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
    expect(planBytes(again), "a second compile writes the same plan").toBe(planBytes(first));
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
    expect(planBytes(changed), "as if the graph were new").toBe(planBytes(compile(structuredClone(graph))));

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
    expect(planBytes(compile(graph)), "an extra key changes nothing the schema keeps").toBe(
      planBytes(compile(structuredClone(graph))),
    );
    delete paramsOf(graph, "slow").period;
    delete paramsOf(graph, "slow").unknown;
    const defaulted = compile(graph);
    expect(
      defaulted.plan?.steps.find((step) => step.op === "indicators.sma" && step.params.period !== 10)?.params,
      "a removed period falls back to the default, 30",
    ).toEqual({ period: 30 });
    expect(planBytes(defaulted), "as if the graph were new").toBe(planBytes(compile(structuredClone(graph))));
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
    expect(planBytes(later), "whose bytes are those of a new graph").toBe(planBytes(compile(crossover())));
  });
});

describe("params checked without zod", () => {
  /** Values that pass and fail the catalogue's rules: bounds, whole numbers, choices, text, switches. */
  const value = fc.oneof(
    fc.constantFrom(
      undefined,
      null,
      "",
      "close",
      "volume",
      "SPY",
      "market",
      "limit",
      "gtc",
      "x",
      "📈📈",
      true,
      false,
    ),
    fc.integer({ min: -5, max: 300 }),
    fc.double({ noNaN: false }),
    fc.constantFrom(0, -0, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, Number.NaN),
    fc.constant({}),
    fc.constant([]),
  );

  it("accepts exactly what each node's schema accepts, and gives zod's result key for key", () => {
    for (const definition of catalogue.definitions) {
      const type = nodeType(definition);
      const names = Object.keys(definition.params.shape);
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...names, "extra"), value), (raw) => {
          const quick = quickParse(raw, type);
          const parsed = definition.params.safeParse(raw);
          if (!quick) return;
          expect(parsed.success, `${definition.type} accepts ${JSON.stringify(raw)} only if zod does`).toBe(
            true,
          );
          expect(Object.entries(quick), `${definition.type}: zod's keys, order and values`).toStrictEqual(
            Object.entries(parsed.data ?? {}),
          );
        }),
        { numRuns: 60 },
      );
    }
  });

  it("checks most nodes' valid params itself", () => {
    const checked = catalogue.definitions.filter((definition) => nodeType(definition).paramRules !== null);
    expect(checked.length, "all but the few schemas with rules of their own").toBeGreaterThan(
      catalogue.definitions.length - 5,
    );
    const sma = nodeType(catalogue.get("indicators.sma"));
    expect(quickParse({ period: 20 }, sma), "a period in range").toEqual({ period: 20 });
    expect(quickParse({ period: 1 }, sma), "a period below the minimum is zod's to word").toBeUndefined();
  });
});

describe("params remembered by place", () => {
  it("compiles as a new graph would after nodes are added, deleted, moved or retyped", () => {
    const graph = crossover();
    const steps: ((nodes: Graph["nodes"]) => Graph["nodes"])[] = [
      (nodes) => [{ ...nodes[1], id: "extra" }, ...nodes],
      (nodes) => nodes.slice(1),
      (nodes) => [...nodes].reverse(),
      (nodes) => nodes.map((node) => (node.id === "fast" ? { ...node, type: "indicators.ema" } : node)),
      (nodes) =>
        nodes.map((node) => (node.id === "slow" ? { ...node, params: paramsOf(graph, "fast") } : node)),
      (nodes) => nodes.filter((node) => node.id !== "fast"),
    ];
    compile(graph);
    for (const [k, step] of steps.entries()) {
      graph.nodes = step(graph.nodes);
      const again = compile(graph);
      const fresh = compile(structuredClone(graph));
      expect(planBytes(again), `edit ${k + 1}: the plan of a new copy`).toBe(planBytes(fresh));
      expect(again.diagnostics, `edit ${k + 1}: the diagnostics of a new copy`).toEqual(fresh.diagnostics);
    }
  });
});
