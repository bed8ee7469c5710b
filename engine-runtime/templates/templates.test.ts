import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { compile } from "../compiler";
import { parseBarsCsv } from "../data/csv";
import { runBatch } from "../executor";
import { templates } from "./index";

const parsed = parseBarsCsv(
  readFileSync(new URL("../../public/samples/orcl-1995-2014.csv", import.meta.url), "utf8"),
);
if (!parsed.ok) throw new Error("public/samples/orcl-1995-2014.csv did not parse");
const orcl = parsed.bars;

describe("built-in marketplace templates", () => {
  it("offers at least 30, each with a unique id and title", () => {
    expect(templates.length, "the issue asks for at least 30").toBeGreaterThanOrEqual(30);
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    expect(new Set(templates.map((t) => t.title)).size).toBe(templates.length);
  });

  it("covers the classic families the issue names", () => {
    const uses = (type: string) => templates.some((t) => t.graph.nodes.some((n) => n.type === type));
    for (const type of [
      "indicators.sma",
      "indicators.rsi",
      "indicators.bbands",
      "indicators.macd",
      "indicators.donchian",
      "indicators.superTrend",
      "indicators.ichimoku",
      "patterns.markovRegime",
      "patterns.fibonacciRetracement",
      "patterns.pivotPoints",
      "indicators.atr",
      "risk.stopLoss",
    ]) {
      expect(uses(type), `a template uses ${type}`).toBe(true);
      expect(catalogue.has(type), `${type} is in the catalogue`).toBe(true);
    }
  });

  for (const template of templates) {
    it(`${template.title}: compiles with no errors and no warnings and trades on 20 years of ORCL`, () => {
      const result = compile(template.graph, { dataLength: orcl.close.length });
      expect(
        result.diagnostics.map((d) => `${d.severity}: ${d.message}`),
        "a published template must be clean",
      ).toEqual([]);
      const run = runBatch(result.plan!, orcl, { initialCash: 10_000, defaultQuantity: 100 });
      expect(run.metrics.trades, "a template that never trades teaches nothing").toBeGreaterThan(5);
      expect(template.description.length, "the description says what it buys and sells").toBeGreaterThan(60);
      expect(
        template.tags.every((tag) => tag === tag.toLowerCase()),
        "tags are lowercase",
      ).toBe(true);
    });
  }
});
