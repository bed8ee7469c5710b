import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import type { CustomBlock, Graph } from "@/nodes/core/graph";
import { planJson } from "../plan/canonical";
import { type CompileResult, compile } from "./index";
import { chainGraph, randomGraph, seeded } from "./testing/graphs";
import { graphOf } from "./testing/nodes";

/**
 * Golden hashes: the plan bytes, hashes and diagnostics of fixed graphs, pinned so that any
 * change to what the compiler writes shows up here. They move only when a node's meaning or the
 * plan format changes on purpose (update them in the same change, and say why); a speed-up never
 * moves them. Each digest is node:crypto's SHA-256 of everything the compile result says.
 */
const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/** All of a compile result in one string: the plan's bytes and hash, the source map and every diagnostic. */
function fingerprint(result: CompileResult): string {
  return JSON.stringify([
    result.ok,
    result.hash ?? null,
    result.plan ? planJson(result.plan) : null,
    result.sourceMap ?? null,
    result.diagnostics,
  ]);
}

const spread: CustomBlock = {
  title: "SMA spread",
  nodes: [
    { id: "fast", type: "indicators.sma", typeVersion: 1, params: { period: 10 }, position: { x: 0, y: 0 } },
    { id: "slow", type: "indicators.sma", typeVersion: 1, params: { period: 50 }, position: { x: 0, y: 1 } },
    { id: "minus", type: "math.subtract", typeVersion: 1, params: {}, position: { x: 2, y: 0 } },
  ],
  edges: [
    { id: "e1", source: "fast", sourceHandle: "value", target: "minus", targetHandle: "a" },
    { id: "e2", source: "slow", sourceHandle: "value", target: "minus", targetHandle: "b" },
  ],
  inputs: [
    { name: "source", label: "Source", node: "fast", port: "source" },
    { name: "source2", label: "Source (slow)", node: "slow", port: "source" },
  ],
  outputs: [{ name: "spread", label: "Spread", node: "minus", port: "value" }],
  params: [{ name: "fastPeriod", label: "Fast period", node: "fast", param: "period" }],
};

/** Hand-drawn strategies, one per feature the plan writes. */
const NAMED: Record<string, Graph> = {
  crossover: graphOf(
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
  ),
  ordersAndRisk: graphOf(
    [
      ["price", "data.priceFeed", { symbol: "SPY", timeframe: "1h" }],
      ["btc", "data.priceFeed", { symbol: "BTC-USD", field: "high" }],
      ["rsi", "indicators.rsi", { period: 9 }, "RSI “fast” ⚡"],
      ["bb", "indicators.bbands", { period: 20, deviationsUp: 2.5 }],
      ["atr", "indicators.atr", {}],
      ["stop", "math.multiply", { value: 1.5 }],
      ["low", "logic.compare", { op: "<", value: 30 }],
      ["under", "logic.crossesBelow"],
      ["both", "logic.or"],
      ["buy", "orders.enterLong", { orderType: "limit" }],
      ["size", "risk.positionSize", { mode: "riskPercent", amount: 1 }],
      ["sl", "risk.stopLoss", { mode: "points", value: 3 }],
      ["tp", "risk.takeProfit", { mode: "percent", value: 4 }],
      ["cool", "risk.cooldown", { bars: 5 }],
      ["high", "logic.compare", { op: ">", value: 70 }],
      ["sell", "orders.exit", { side: "long" }],
      ["k", "data.constant", { value: 2 }],
      ["twice", "math.multiply"],
      ["btcMa", "indicators.ema", { period: 50 }],
    ],
    [
      "price.value->rsi.source",
      "price.value->bb.source",
      "price.bars->atr.bars",
      "atr.value->stop.a",
      "rsi.value->low.a",
      "price.value->under.a",
      "bb.lower->under.b",
      "low.result->both.a",
      "under.result->both.b",
      "both.result->buy.when",
      "bb.lower->buy.limitPrice",
      "buy.order->size.order",
      "size.order->sl.order",
      "stop.value->sl.distance",
      "sl.order->tp.order",
      "tp.order->cool.order",
      "rsi.value->high.a",
      "high.result->sell.when",
      "k.value->twice.a",
      "k.value->twice.b",
      "btc.value->btcMa.source",
    ],
  ),
  formulaAndBlock: {
    ...graphOf(
      [
        ["price", "data.priceFeed"],
        ["f", "custom.formula", { expression: "(close - sma(close, 20)) / stdev(close, 20)" }],
        ["b", "custom.block", { block: "spread", values: { fastPeriod: 5 } }],
        ["up", "logic.crossesAbove", { value: 0.5 }],
        ["buy", "orders.enterShort"],
        ["macd", "indicators.macd"],
        ["st", "indicators.stoch"],
      ],
      [
        "price.value->b.in1",
        "price.value->b.in2",
        "f.value->up.a",
        "b.out1->up.b",
        "up.result->buy.when",
        "price.value->macd.source",
        "price.bars->st.bars",
      ],
    ),
    blocks: { spread },
  },
  noOrders: graphOf(
    [
      ["price", "data.priceFeed"],
      ["ich", "indicators.ichimoku"],
      ["hi", "math.rollingMax", { period: 7 }],
      ["rise", "logic.rising", { bars: 3 }],
    ],
    ["price.bars->ich.bars", "ich.tenkan->hi.x", "hi.value->rise.x"],
  ),
};

/** Per strategy: the plan's hash, then the digest of the whole compile result. */
const NAMED_HASHES: Record<string, string> = {
  crossover:
    "0209f3313647679b5c3beb86f502a7647477a6f1977fa5409ea7efee74f86b00 91b31c7b27d51205c581e81e93485cc7c15838ecbfe530970d78a3f60303223a",
  ordersAndRisk:
    "eb99dae194bd2960bda26da5401f8303f524c1674ace618ea65830ad28e18b30 7e0a0f189fc4f855f3a417a60dcb4e111f4394b5e19e4f89547b82a7027fec30",
  formulaAndBlock:
    "5de3d1cc7a8519634994d686ff6a3dfd8debd10ae58e720993c6befb10152210 17e056110432f25491c3bfa97bd63a96ff21a263fda1a4b73791a24f6b1cbab4",
  noOrders:
    "c420816b952a7d0f564acfb035ddd072dea557ef8c4db1fe9eb3b1e2b3cc70ea 84228ac9482d8816d419fcae5d3d2d458a2d41ac390d1a7107c32eaeb8cecf3d",
};

/** Not graphs, or graphs with a broken shape: the invalid-graph sentences are pinned too. */
function malformed(): unknown[] {
  const base = NAMED.crossover;
  const cases: unknown[] = [
    null,
    42,
    "not json",
    '{"version":1,"nodes":[],"edges":[]}',
    [],
    { version: 2, nodes: [], edges: [] },
    { version: "1", nodes: [], edges: [] },
    { nodes: [], edges: [] },
    { version: 1, nodes: {}, edges: [] },
    { version: 1, nodes: [], edges: [], blocks: [] },
    { version: 1, nodes: [], edges: [], meta: { name: "x".repeat(201) } },
    { ...base, extra: true },
    { ...base, meta: { name: "mine", colour: "red" } },
  ];
  const broken: [string, unknown][] = [
    ["id", ""],
    ["id", "x".repeat(101)],
    ["id", 7],
    ["type", ""],
    ["typeVersion", 0],
    ["typeVersion", 1.5],
    ["typeVersion", "1"],
    ["typeVersion", undefined],
    ["params", []],
    ["params", null],
    ["params", undefined],
    ["params", "period"],
    ["position", { x: "0", y: 0 }],
    ["position", { x: Number.NaN, y: 0 }],
    ["position", undefined],
    ["label", 5],
    ["label", "y".repeat(201)],
    ["extra", "kept out"],
  ];
  for (const [key, value] of broken) {
    const nodes = base.nodes.map((node, i) => (i === 1 ? { ...node, [key]: value } : node));
    cases.push({ ...base, nodes });
  }
  for (const [key, value] of [
    ["id", ""],
    ["source", 3],
    ["sourceHandle", undefined],
    ["targetHandle", ""],
    ["extra", 1],
  ] as [string, unknown][]) {
    const edges = base.edges.map((edge, i) => (i === 2 ? { ...edge, [key]: value } : edge));
    cases.push({ ...base, edges });
  }
  // Random damage to random graphs: one field of one node or edge set to a random value.
  const random = seeded(7);
  const values: unknown[] = [null, "", 0, -1, 1.5, "x", [], {}, true, undefined, 1e300, "n0"];
  for (let k = 0; k < 60; k++) {
    const graph = structuredClone(randomGraph(1000 + k, catalogue.definitions)) as unknown as Record<
      string,
      Record<string, unknown>[]
    >;
    const list = random() < 0.6 ? graph.nodes : graph.edges;
    if (list.length === 0) continue;
    const item = list[Math.floor(random() * list.length)];
    const keys = Object.keys(item);
    item[keys[Math.floor(random() * keys.length)]] = values[Math.floor(random() * values.length)] as never;
    cases.push(graph);
  }
  return cases;
}

describe("golden hashes", () => {
  it("writes the same plan bytes, hash and diagnostics for hand-drawn strategies", () => {
    for (const [name, graph] of Object.entries(NAMED)) {
      const result = compile(graph);
      expect(
        result.diagnostics.filter((d) => d.severity === "error"),
        `${name} compiles`,
      ).toEqual([]);
      expect(`${result.hash} ${digest(fingerprint(result))}`, `${name}: plan bytes unchanged`).toBe(
        NAMED_HASHES[name],
      );
    }
  });

  it("writes the same plan bytes for the 1,000- and 10,000-node benchmark graphs", () => {
    expect(compile(chainGraph(1_000)).hash, "the 1,000-node chain plan is unchanged").toBe(
      "970202f4acfbaa4f6dfe221d0c3f0c4a96bd6d43532d065fd9907b37fe202a4b",
    );
    expect(compile(chainGraph(10_000)).hash, "the 10,000-node chain plan is unchanged").toBe(
      "05417a9a0c1f3a502097a6704e9d448ccc9eeeb914db03fcf7c758c6b0568c8a",
    );
  });

  it("gives the same results for 400 random graphs, valid and broken", () => {
    let all = "";
    let plans = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const result = compile(randomGraph(seed, catalogue.definitions));
      if (result.ok) plans++;
      all += fingerprint(result);
    }
    expect(plans, "enough of them compile to pin plans, not only diagnostics").toBeGreaterThan(100);
    expect(digest(all), "every plan, hash and diagnostic of the random graphs is unchanged").toBe(
      "573b357ab97b36e724d941858dabbcab6950e532d7ff953de730fbf6d99557d5",
    );
  });

  it("gives the same sentences for malformed graphs", () => {
    const all = malformed()
      .map((input) => fingerprint(compile(input)))
      .join("\n");
    expect(digest(all), "every invalid-graph diagnostic is unchanged").toBe(
      "42a2de654f3a3e1ef0e5cb2c580b52f65517cf011cb212a49eccaf9721882c05",
    );
  });
});
