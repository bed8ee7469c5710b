import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogue } from "@/nodes/catalogue";
import { defineNode } from "@/nodes/core/define";
import { Registry } from "@/nodes/core/registry";
import { canonicalJson, planJson } from "../plan/canonical";
import { planSchema } from "../plan/schema";
import { compile, migrateGraph } from "./index";
import { graphOf, testRegistry } from "./testing/nodes";

const run = (graph: unknown) => compile(graph, { registry: testRegistry });

const FEED_STEP = {
  op: "data.priceFeed",
  opVersion: 1,
  params: { field: "close", symbol: "", timeframe: "" },
  inputs: [0, 1, 2, 3, 4, 5],
  outputs: [6, 7, 8, 9, 10, 11, 12],
  start: 0,
  ready: 0,
};

describe("compile", () => {
  it("compiles price → SMA(10)/SMA(30) → Crosses Above → Enter Long to the expected plan", () => {
    const result = run(
      graphOf(
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
    );
    expect(result.diagnostics, "a complete strategy compiles cleanly").toEqual([]);
    expect(
      result.plan,
      "feed slots 0–5, the feed step's bars 6–11 and value 12, then each step's output",
    ).toEqual({
      format: "strata.plan",
      version: 1,
      feeds: [{ symbol: "", timeframe: "" }],
      slotCount: 16,
      constants: [],
      steps: [
        FEED_STEP,
        // Steps ready at once go by op and canonical params: SMA {"period":10} before {"period":30}.
        {
          op: "indicators.sma",
          opVersion: 1,
          params: { period: 10 },
          inputs: [12],
          outputs: [13],
          start: 0,
          ready: 9,
        },
        {
          op: "indicators.sma",
          opVersion: 1,
          params: { period: 30 },
          inputs: [12],
          outputs: [14],
          start: 0,
          ready: 29,
        },
        // A crossing compares with the bar before, so it is ready one bar after the slower SMA.
        {
          op: "logic.crossesAbove",
          opVersion: 1,
          params: { value: 0 },
          inputs: [13, 14],
          outputs: [15],
          start: 29,
          ready: 30,
        },
      ],
      orders: [{ action: "enterLong", when: 15, orderType: "market", timeInForce: "gtc" }],
      plots: [
        { slot: 13, label: "SMA(10)", pane: "price", kind: "line" },
        { slot: 14, label: "SMA(30)", pane: "price", kind: "line" },
        { slot: 15, label: "Crosses Above", pane: "pane", kind: "signal" },
      ],
      warmup: 30,
    });
    expect(result.sourceMap?.steps, "which node each step came from").toEqual([
      ["price"],
      ["fast"],
      ["slow"],
      ["cross"],
    ]);
    expect(result.sourceMap?.orders, "the rule came from the Enter Long node").toEqual([["buy"]]);
    expect(result.hash, "the hash is SHA-256 hex").toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(planJson(result.plan!)), "the canonical JSON is the plan").toEqual(result.plan);
    expect(planSchema.safeParse(result.plan).success, "the plan validates").toBe(true);
  });

  it("computes equal computations once (common-subexpression elimination)", () => {
    const result = run(
      graphOf(
        [
          ["p1", "data.priceFeed"],
          ["p2", "data.priceFeed"],
          ["a", "indicators.sma", { period: 10 }, "Fast"],
          ["b", "indicators.sma", { period: 10 }],
          ["c", "logic.crossesAbove"],
        ],
        ["p1.value->a.source", "p2.value->b.source", "a.value->c.a", "b.value->c.b"],
      ),
    );
    expect(result.plan?.steps, "two feeds of the same market, two SMA(10) of it: one step each").toEqual([
      FEED_STEP,
      {
        op: "indicators.sma",
        opVersion: 1,
        params: { period: 10 },
        inputs: [12],
        outputs: [13],
        start: 0,
        ready: 9,
      },
      {
        op: "logic.crossesAbove",
        opVersion: 1,
        params: { value: 0 },
        inputs: [13, 13],
        outputs: [14],
        start: 9,
        ready: 10,
      },
    ]);
    expect(result.sourceMap?.steps, "the merged nodes are all named").toEqual([
      ["p1", "p2"],
      ["a", "b"],
      ["c"],
    ]);
    expect(result.plan?.plots[0], "the merged SMA is drawn once, under the user's label").toEqual({
      slot: 13,
      label: "Fast",
      pane: "price",
      kind: "line",
    });
  });

  it("orders steps ready at once by their params' text, however many of one op share its start", () => {
    // Over 64 heads of one op are sorted by their first characters first, then by text where those
    // tie: these values share long starts ("1.2345…", "1.2…") and end at different lengths.
    const values = Array.from({ length: 160 }, (_, k) => [1.2345 + k / 1e6, 1.2 + k / 10, 12 + k, -k][k % 4]);
    const adds = values.map((value, k): [string, string, Record<string, unknown>] => [
      `add${k}`,
      "math.add",
      { value },
    ]);
    const edges = adds.map(([id]) => `price.value->${id}.a` as const);
    const result = run(graphOf([["price", "data.priceFeed"], ...adds], edges));
    const texts = result.plan?.steps
      .filter((step) => step.op === "math.add")
      .map((s) => canonicalJson(s.params));
    expect(texts?.length, "every add is a step of its own").toBe(new Set(values).size);
    expect(texts, "the adds, all read the price at once, in code-unit order of their params").toEqual(
      [...(texts ?? [])].sort(),
    );
  });

  it("folds constants at compile time and keeps per-bar sources as steps", () => {
    const result = run(
      graphOf(
        [
          ["price", "data.priceFeed"],
          ["two", "data.constant", { value: 2 }],
          ["three", "data.constant", { value: 3 }],
          ["mul", "math.multiply"],
          ["add", "math.add"],
          ["plus5", "math.add", { value: 5 }],
          ["count", "data.barCount"],
          ["sub", "math.subtract"],
        ],
        [
          "two.value->mul.a",
          "three.value->mul.b",
          "price.value->add.a",
          "mul.value->add.b",
          "add.value->plus5.a",
          "plus5.value->sub.a",
          "count.value->sub.b",
        ],
      ),
    );
    const plan = result.plan!;
    expect(plan.constants, "2 × 3 became the constant 6; B's fallback 5 is a constant too").toEqual([
      { slot: 14, value: 6 },
      { slot: 16, value: 5 },
    ]);
    expect(
      plan.steps.map((s) => s.op),
      "no step for the numbers or the multiplication; the bar count changes every bar so it stays",
    ).toEqual(["data.barCount", "data.priceFeed", "math.add", "math.add", "math.subtract"]);
    expect(plan.steps[2].inputs, "close + 6 reads the constant's slot (a scalar broadcast)").toEqual([
      13, 14,
    ]);
  });

  it("keeps only what reaches an order or a plot", () => {
    const result = run(
      graphOf(
        [
          ["price", "data.priceFeed"],
          ["fast", "indicators.sma", { period: 10 }],
          ["slow", "indicators.sma", { period: 30 }],
          ["cross", "logic.crossesAbove"],
          ["buy", "orders.enterLong"],
          ["sd", "math.rollingStdev", { period: 20 }],
          ["sdMean", "math.rollingMean", { period: 5 }],
          ["unused", "logic.crossesAbove", { value: 1 }],
        ],
        [
          "price.value->fast.source",
          "price.value->slow.source",
          "fast.value->cross.a",
          "slow.value->cross.b",
          "cross.result->buy.when",
          "price.value->sd.x",
          "sd.value->sdMean.x",
          "fast.value->unused.a",
        ],
      ),
    );
    expect(result.sourceMap?.steps.flat(), "a true/false series nobody reads is dropped").not.toContain(
      "unused",
    );
    expect(
      result.plan?.plots.slice(3),
      "a chain of math ending unread is drawn, each in its units' pane",
    ).toEqual([
      { slot: 16, label: "Rolling Standard Deviation(20)", pane: "pane", kind: "line" },
      { slot: 17, label: "Rolling Mean(5)", pane: "pane", kind: "line" },
    ]);
  });

  it("folds order chains into rules: entry first, then each modifier; one rule per chain end", () => {
    const result = run(
      graphOf(
        [
          ["price", "data.priceFeed"],
          ["fast", "indicators.sma", { period: 10 }],
          ["seventy", "data.constant", { value: 70 }],
          ["cross", "logic.crossesAbove"],
          ["buy", "orders.enterLong"],
          ["sd", "math.rollingStdev", { period: 20 }],
          ["twoSd", "math.multiply", { value: 2 }],
          ["stop", "risk.stopLoss"],
          ["size", "risk.positionSize", { mode: "riskPercent", amount: 1 }],
          ["take", "risk.takeProfit", { value: 5 }],
        ],
        [
          "price.value->fast.source",
          "fast.value->cross.a",
          "seventy.value->cross.b",
          "cross.result->buy.when",
          "price.value->sd.x",
          "sd.value->twoSd.a",
          "buy.order->stop.order",
          "twoSd.value->stop.distance",
          "stop.order->size.order",
          "buy.order->take.order",
        ],
      ),
    );
    const plan = result.plan!;
    expect(
      plan.orders,
      "the stop sits 2 standard deviations away (slot 18); the take-profit chain is a rule of its own",
    ).toEqual([
      {
        action: "enterLong",
        when: 15,
        orderType: "market",
        timeInForce: "gtc",
        stopLoss: { mode: "slot", slot: 18 },
        sizing: { mode: "riskPercent", percent: 1 },
      },
      {
        action: "enterLong",
        when: 15,
        orderType: "market",
        timeInForce: "gtc",
        takeProfit: { mode: "percent", value: 5 },
      },
    ]);
    expect(plan.steps.find((s) => s.outputs[0] === 18)?.ready, "2 × stdev(20) holds values from bar 19").toBe(
      19,
    );
    expect(plan.warmup, "the stop distance is read too, so warm-up is the later of 10 and 19").toBe(19);
    expect(result.sourceMap?.orders, "each rule's chain, entry first").toEqual([
      ["buy", "stop", "size"],
      ["buy", "take"],
    ]);
    expect(plan.constants[0], "RSI-style level 70 broadcast to a series input").toEqual({
      slot: 14,
      value: 70,
    });
  });

  it("gives each distinct feed six slots, in symbol order", () => {
    const result = run(
      graphOf(
        [
          ["spy", "data.priceFeed", { symbol: "SPY" }],
          ["own", "data.priceFeed"],
          ["sub", "math.subtract"],
        ],
        ["own.value->sub.a", "spy.value->sub.b"],
      ),
    );
    const plan = result.plan!;
    expect(plan.feeds, "the run's own market sorts first").toEqual([
      { symbol: "", timeframe: "" },
      { symbol: "SPY", timeframe: "" },
    ]);
    const spy = plan.steps.find((s) => s.params.symbol === "SPY");
    expect(spy?.inputs, "feed 1 occupies slots 6–11").toEqual([6, 7, 8, 9, 10, 11]);
  });

  it("inlines macro nodes under prefixed ids and migrates their old params", () => {
    const graph = graphOf(
      [
        ["price", "data.priceFeed"],
        ["tw", "custom.twice", { gain: 3 }],
        ["m", "math.rollingMean", { period: 3 }],
      ],
      ["price.value->tw.x", "tw.value->m.x"],
    );
    graph.nodes[1].typeVersion = 1;
    const migrated = migrateGraph(graph, testRegistry);
    expect(migrated.graph?.nodes[1], "version 1's gain became version 2's factor").toMatchObject({
      typeVersion: 2,
      params: { factor: 3 },
    });
    const result = run(graph);
    expect(result.plan?.steps[1], "X + X, both inputs the close").toMatchObject({
      op: "math.add",
      inputs: [12, 12],
    });
    expect(result.sourceMap?.steps[1], "the inner node's id is prefixed with the macro's").toEqual([
      "tw/add",
    ]);
  });

  it("inlines a formula node; its own price feed merges with the strategy's", () => {
    const result = run(
      graphOf(
        [
          ["price", "data.priceFeed"],
          ["slow", "indicators.sma", { period: 20 }],
          ["f", "custom.formula", { expression: "close - sma(close, 20)" }],
          ["up", "logic.crossesAbove"],
          ["buy", "orders.enterLong"],
        ],
        ["price.value->slow.source", "f.value->up.a", "slow.value->up.b", "up.result->buy.when"],
      ),
    );
    expect(result.diagnostics, "the formula compiles").toEqual([]);
    expect(
      result.plan?.steps.map((s) => `${s.op} ${JSON.stringify(s.inputs)}→${JSON.stringify(s.outputs)}`),
      "one price feed serves both; the formula reads the close through Bar Field, so its SMA reads another slot",
    ).toEqual([
      "data.priceFeed [0,1,2,3,4,5]→[6,7,8,9,10,11,12]",
      "data.barField [6,7,8,9,10,11]→[13]",
      "indicators.sma [13]→[14]",
      "indicators.sma [12]→[15]",
      "math.subtract [13,14]→[16]",
      "logic.crossesAbove [16,15]→[17]",
    ]);
    expect(result.sourceMap?.steps[0], "the formula's inner feed is merged into the drawn one").toEqual([
      "f/f1",
      "price",
    ]);
  });

  it("stops expanding a macro that contains itself", () => {
    const loop = defineNode({
      type: "custom.loop",
      version: 1,
      title: "Loop",
      category: "custom",
      description: "A block that contains itself.",
      inputs: [{ name: "x", type: "series", label: "X" }],
      outputs: [{ name: "value", type: "series", label: "Value" }],
      params: z.object({}),
      warmup: () => 0,
      expand: () => ({
        ok: true,
        expansion: {
          nodes: [{ id: "inner", type: "custom.loop", typeVersion: 1, params: {}, position: { x: 0, y: 0 } }],
          edges: [],
          inputs: { x: [{ node: "inner", port: "x" }] },
          outputs: { value: { node: "inner", port: "value" } },
        },
      }),
    });
    const registry = new Registry([catalogue.get("data.priceFeed"), catalogue.get("indicators.sma"), loop]);
    const graph = graphOf(
      [
        ["price", "data.priceFeed"],
        ["l", "custom.loop"],
        ["s", "indicators.sma"],
      ],
      ["price.value->l.x", "l.value->s.source"],
    );
    const result = compile(graph, { registry });
    expect(
      result.diagnostics.map((d) => [d.code, d.nodeId]),
      "the eighth nested copy is refused",
    ).toEqual([["expansion-failed", "l/inner/inner/inner/inner/inner/inner/inner/inner"]]);
  });
});
