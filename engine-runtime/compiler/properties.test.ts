import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/core/graph";
import { canonicalJson, planJson } from "../plan/canonical";
import { planSchema } from "../plan/schema";
import { type CompileResult, compile } from "./index";
import { testRegistry } from "./testing/nodes";

/** The plan's canonical bytes, to compare compiles by. */
const planBytes = (result: CompileResult) => (result.plan ? planJson(result.plan) : undefined);

/** Node kinds a random strategy is drawn from: every input takes a number series. */
const KINDS = [
  {
    type: "indicators.sma",
    inputs: ["source"],
    params: fc.record({ period: fc.integer({ min: 2, max: 60 }) }),
  },
  { type: "math.rollingMean", inputs: ["x"], params: fc.record({ period: fc.integer({ min: 1, max: 60 }) }) },
  { type: "math.add", inputs: ["a", "b"], params: fc.record({ value: fc.integer({ min: -5, max: 5 }) }) },
  {
    type: "math.multiply",
    inputs: ["a", "b"],
    params: fc.record({ value: fc.double({ min: -3, max: 3, noNaN: true }) }),
  },
  { type: "data.constant", inputs: [], params: fc.record({ value: fc.integer({ min: -100, max: 100 }) }) },
  { type: "data.priceFeed", inputs: [], params: fc.record({ symbol: fc.constantFrom("", "SPY") }) },
] as const;

interface Draw {
  kind: number;
  params: Record<string, unknown>;
  /** For each input, which earlier node feeds it (taken modulo), or null to leave an optional one empty. */
  sources: (number | null)[];
}

const drawArb = fc.integer({ min: 0, max: KINDS.length - 1 }).chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    params: KINDS[kind].params as fc.Arbitrary<Record<string, unknown>>,
    sources: fc.array(fc.option(fc.nat(), { nil: null, freq: 5 }), {
      minLength: KINDS[kind].inputs.length,
      maxLength: KINDS[kind].inputs.length,
    }),
  }),
);

/** A valid strategy: a price feed, random series nodes fed by earlier ones, and optionally a crossing that trades. */
function buildGraph(draws: Draw[], trade: [number, number] | null): Graph {
  const nodes: Graph["nodes"] = [
    { id: "n0", type: "data.priceFeed", typeVersion: 1, params: {}, position: { x: 0, y: 0 } },
  ];
  const edges: Graph["edges"] = [];
  const link = (source: string, sourceHandle: string, target: string, targetHandle: string) =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle, target, targetHandle });
  draws.forEach((draw, k) => {
    const id = `n${k + 1}`;
    const kind = KINDS[draw.kind];
    nodes.push({ id, type: kind.type, typeVersion: 1, params: draw.params, position: { x: k, y: k } });
    kind.inputs.forEach((input, i) => {
      const from = draw.sources[i];
      if (from === null && input === "b") return;
      link(`n${(from ?? 0) % (k + 1)}`, "value", id, input);
    });
  });
  if (trade) {
    nodes.push({
      id: "cross",
      type: "logic.crossesAbove",
      typeVersion: 1,
      params: {},
      position: { x: 0, y: 9 },
    });
    nodes.push({
      id: "buy",
      type: "orders.enterLong",
      typeVersion: 1,
      params: {},
      position: { x: 0, y: 10 },
    });
    link(`n${trade[0] % (draws.length + 1)}`, "value", "cross", "a");
    link(`n${trade[1] % (draws.length + 1)}`, "value", "cross", "b");
    link("cross", "result", "buy", "when");
  }
  return { version: 1, nodes, edges, blocks: {}, meta: {} };
}

const graphArb = fc
  .tuple(
    fc.array(drawArb, { minLength: 0, maxLength: 25 }),
    fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }),
  )
  .map(([draws, trade]) => buildGraph(draws, trade));

const compileTest = (graph: unknown) => compile(graph, { registry: testRegistry });
/** The hash by a reference implementation: node:crypto over the UTF-8 bytes. */
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("compile, on random strategies", () => {
  it("compiles every valid DAG to a plan that validates and reads only slots filled before it", () => {
    fc.assert(
      fc.property(graphArb, (graph) => {
        const result = compileTest(graph);
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        expect(errors, "a valid graph has no errors").toEqual([]);
        const plan = result.plan!;
        expect(planSchema.safeParse(plan).success, "the plan validates").toBe(true);
        expect(planJson(plan), "the plan writer gives the generic canonical bytes").toBe(canonicalJson(plan));
        expect(result.hash, "the compiler hashes the generic canonical bytes").toBe(
          sha256(canonicalJson(plan)),
        );
        const filled = new Set<number>(plan.constants.map((c) => c.slot));
        for (let s = 0; s < plan.feeds.length * 6; s++) filled.add(s);
        const written = new Set(plan.steps.flatMap((step) => step.outputs));
        for (const step of plan.steps) {
          for (const slot of step.inputs) {
            expect(slot < plan.slotCount, "every slot is counted").toBe(true);
            // The one slot nothing fills holds NaN: an optional input left empty.
            expect(filled.has(slot) || !written.has(slot), `slot ${slot} is filled before it is read`).toBe(
              true,
            );
          }
          for (const slot of step.outputs) {
            expect(filled.has(slot), `slot ${slot} is written once`).toBe(false);
            filled.add(slot);
          }
          expect(step.ready >= step.start, "ready never precedes start").toBe(true);
        }
        for (const rule of plan.orders) expect(filled.has(rule.when), "the trigger is computed").toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same bytes and hash under id renaming, moved nodes and shuffled arrays", () => {
    const variant = fc.record({ seed: fc.nat(), salt: fc.string({ minLength: 1, maxLength: 4 }) });
    fc.assert(
      fc.property(graphArb, variant, (graph, { seed, salt }) => {
        const original = compileTest(graph);
        expect(planBytes(original), "a valid graph has a plan").toBeDefined();
        const rename = (id: string) => `${salt}-${id.split("").reverse().join("")}-${id.length}`;
        const shuffled = shuffle(graph.nodes, seed).map((node, i) => ({
          ...node,
          id: rename(node.id),
          position: { x: (seed % 97) * i, y: -i },
        }));
        const edges = shuffle(graph.edges, seed + 1).map((edge) => ({
          ...edge,
          id: rename(edge.id),
          source: rename(edge.source),
          target: rename(edge.target),
        }));
        const moved = compileTest({ ...graph, nodes: shuffled, edges });
        expect(planBytes(moved), "canonical bytes ignore ids, positions and array order").toBe(
          planBytes(original),
        );
        expect(moved.hash, "so does the hash").toBe(original.hash);
      }),
      { numRuns: 150 },
    );
  });

  it("reports every mutation of a valid graph and never throws", () => {
    const mutationArb = fc.constantFrom(
      "dropEdge",
      "wrongType",
      "selfLoop",
      "loop",
      "badParam",
      "unknownType",
    );
    fc.assert(
      fc.property(graphArb, mutationArb, fc.nat(), (graph, mutation, pick) => {
        const mutated = structuredClone(graph);
        const expected = mutate(mutated, mutation, pick);
        if (!expected) return;
        const result = compileTest(mutated);
        expect(
          result.diagnostics.some((d) => expected.includes(d.code)),
          `${mutation} is reported as one of ${expected.join(", ")}: ${JSON.stringify(result.diagnostics)}`,
        ).toBe(true);
        expect(
          result.diagnostics.some((d) => d.code === "internal-error"),
          "no internal error",
        ).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on garbage, and reports it without an internal error", () => {
    const nodeish = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        type: fc.oneof(fc.constantFrom(...testRegistry.definitions.map((d) => d.type)), fc.string()),
        typeVersion: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.string()),
        params: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const graphish = fc.record(
      {
        version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
        nodes: fc.oneof(fc.array(nodeish, { maxLength: 6 }), fc.jsonValue()),
        edges: fc.array(
          fc.record({
            id: fc.string(),
            source: fc.constantFrom("a", "b", "", "n0"),
            sourceHandle: fc.constantFrom("value", "result", "order", "bars", "x"),
            target: fc.constantFrom("a", "b", "n0"),
            targetHandle: fc.constantFrom("source", "a", "b", "when", "order", "x"),
          }),
          { maxLength: 8 },
        ),
        blocks: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), graphish), (input) => {
        const result = compileTest(input);
        expect(
          result.diagnostics.some((d) => d.code === "internal-error"),
          JSON.stringify(result.diagnostics),
        ).toBe(false);
        expect(
          result.ok || result.diagnostics.some((d) => d.severity === "error"),
          "a refusal says why",
        ).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed + 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Breaks the graph in one way; returns the codes that may report it, or undefined when it does not apply. */
function mutate(graph: Graph, mutation: string, pick: number): string[] | undefined {
  const requiredEdges = graph.edges.filter((e) => e.targetHandle !== "b");
  const seriesInputs = graph.edges.filter(
    (e) => ["source", "x", "a"].includes(e.targetHandle) && e.target !== "cross",
  );
  switch (mutation) {
    case "dropEdge": {
      if (requiredEdges.length === 0) return undefined;
      const edge = requiredEdges[pick % requiredEdges.length];
      graph.edges = graph.edges.filter((e) => e !== edge);
      return ["missing-input", "unconnected-node"];
    }
    case "wrongType": {
      if (seriesInputs.length === 0) return undefined;
      const edge = seriesInputs[pick % seriesInputs.length];
      edge.source = "n0";
      edge.sourceHandle = "bars";
      return ["type-mismatch"];
    }
    case "selfLoop": {
      if (seriesInputs.length === 0) return undefined;
      const edge = seriesInputs[pick % seriesInputs.length];
      edge.source = edge.target;
      edge.sourceHandle = "value";
      return ["cycle"];
    }
    case "loop": {
      // Feed a node's input from one of its consumers: the two now feed each other.
      const candidates = graph.edges.filter(
        (e) =>
          e.source !== "n0" && e.sourceHandle === "value" && graph.edges.some((f) => f.target === e.source),
      );
      if (candidates.length === 0) return undefined;
      const edge = candidates[pick % candidates.length];
      const into = graph.edges.find((f) => f.target === edge.source)!;
      into.source = edge.target;
      into.sourceHandle = edge.target === "cross" ? "result" : "value";
      return ["cycle"];
    }
    case "badParam": {
      const smas = graph.nodes.filter((n) => n.type === "indicators.sma");
      if (smas.length === 0) return undefined;
      smas[pick % smas.length].params = { period: pick % 2 === 0 ? 1 : "twenty" };
      return ["invalid-param", "unconnected-node"];
    }
    case "unknownType": {
      const node = graph.nodes[pick % graph.nodes.length];
      node.type = `${node.type}X`;
      return ["unknown-node-type", "unconnected-node"];
    }
  }
  return undefined;
}
