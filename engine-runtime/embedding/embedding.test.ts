import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Graph } from "@/nodes/core/graph";
import { compile } from "../compiler";
import type { Plan } from "../plan/schema";
import { findStarter } from "../starters";
import { smaCrossoverGraph } from "../testing/graphs";
import { cosineSimilarity, EMBEDDING_DIMENSION, embedPlan, hashFeatures, planFeatures } from "./index";

function planOf(graph: Graph): Plan {
  const result = compile(graph);
  if (!result.plan) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.plan;
}

function rsiGraph(period: number, low: number, high: number): Graph {
  const graph = findStarter("rsi-mean-reversion")!.graph;
  for (const node of graph.nodes) {
    if (node.id === "rsi") node.params = { period };
    if (node.id === "oversold") node.params = { op: "<", value: low };
    if (node.id === "overbought") node.params = { op: ">", value: high };
  }
  return graph;
}

const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const period = fc.integer({ min: 2, max: 400 });

describe("plan embedding", () => {
  it("is a unit vector of the fixed dimension", () => {
    const v = embedPlan(planOf(smaCrossoverGraph(10, 30)));
    expect(v.length, "the database column is vector(256)").toBe(EMBEDDING_DIMENSION);
    expect(norm(v), "embeddings are L2-normalised so cosine = dot product").toBeCloseTo(1, 12);
  });

  it("is deterministic: the same plan gives the same bytes, even after node ids and positions change", () => {
    const a = smaCrossoverGraph(12, 40);
    const b = smaCrossoverGraph(12, 40);
    b.nodes.forEach((n, i) => {
      n.position = { x: i * 13, y: -i * 7 };
    });
    const renamed = JSON.parse(JSON.stringify(b).replaceAll('"fast"', '"quick"'));
    expect(Array.from(embedPlan(planOf(renamed))), "ids and layout are not part of the strategy").toEqual(
      Array.from(embedPlan(planOf(a))),
    );
  });

  it("gives cosine 1 for identical plans and high but < 1 for a changed period", () => {
    const base = embedPlan(planOf(smaCrossoverGraph(10, 30)));
    expect(cosineSimilarity(base, embedPlan(planOf(smaCrossoverGraph(10, 30))))).toBeCloseTo(1, 12);
    const tweaked = cosineSimilarity(base, embedPlan(planOf(smaCrossoverGraph(10, 31))));
    expect(tweaked, "one period moved by one bar is nearly the same strategy").toBeGreaterThan(0.99);
    expect(tweaked, "but not the same strategy").toBeLessThan(1);
    const further = cosineSimilarity(base, embedPlan(planOf(smaCrossoverGraph(10, 80))));
    expect(further, "a period moved further is less similar than one moved a little").toBeLessThan(tweaked);
  });

  it("ranks structurally different strategies below any parameter variant of the same structure", () => {
    const sma = embedPlan(planOf(smaCrossoverGraph(10, 30)));
    const others = ["rsi-mean-reversion", "bollinger-breakout", "macd-crossover", "donchian-breakout"];
    for (const id of others) {
      const other = cosineSimilarity(sma, embedPlan(planOf(findStarter(id)!.graph)));
      expect(other, `${id} is a different idea from an SMA crossover`).toBeLessThan(0.7);
    }
  });

  it("property: a param variant is always nearer than a different structure", () => {
    fc.assert(
      fc.property(period, period, period, period, (f1, s1, f2, rsiPeriod) => {
        const a = embedPlan(planOf(smaCrossoverGraph(f1, s1 === f1 ? s1 + 1 : s1)));
        const b = embedPlan(planOf(smaCrossoverGraph(f2, s1 === f2 ? s1 + 1 : s1)));
        const c = embedPlan(planOf(rsiGraph(rsiPeriod, 30, 70)));
        return cosineSimilarity(a, b) > cosineSimilarity(a, c);
      }),
      { numRuns: 60 },
    );
  });

  it("property: symmetric, self-similarity 1, and unit norm for any params", () => {
    fc.assert(
      fc.property(
        period,
        fc.integer({ min: 1, max: 49 }),
        fc.integer({ min: 51, max: 99 }),
        (p, low, high) => {
          const a = embedPlan(planOf(rsiGraph(p, low, high)));
          const b = embedPlan(planOf(rsiGraph(p + 1, low, high)));
          expect(Math.abs(norm(a) - 1)).toBeLessThan(1e-12);
          expect(cosineSimilarity(a, a)).toBeCloseTo(1, 12);
          expect(cosineSimilarity(a, b)).toBe(cosineSimilarity(b, a));
          expect(Array.from(embedPlan(planOf(rsiGraph(p, low, high))))).toEqual(Array.from(a));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("keeps params out of the structure features and in the param features", () => {
    const a = planFeatures(planOf(smaCrossoverGraph(10, 30)));
    const b = planFeatures(planOf(smaCrossoverGraph(20, 50)));
    const hashes = (fs: { hash: number }[]) => fs.map((f) => f.hash);
    expect(hashes(b.structure), "the same drawing with other periods has the same WL labels").toEqual(
      hashes(a.structure),
    );
    expect(a.structure.length, "feeds + (7 steps and orders) × (3 rounds + 1)").toBe(1 + 7 * 4);
    expect(hashes(b.params), "but other param buckets").not.toEqual(hashes(a.params));
    const fastSma = a.structure.slice(1).filter((_, i) => i === 1 || i === 2);
    expect(fastSma[0].hash, "both SMAs read the close: at round 0 they share a label").toBe(fastSma[1].hash);
  });

  it("returns a zero vector only for no features, never NaN", () => {
    expect(Array.from(hashFeatures([])).every((x) => x === 0)).toBe(true);
    expect(cosineSimilarity(hashFeatures([]), hashFeatures([{ hash: 12345, weight: 1 }]))).toBe(0);
  });
});
