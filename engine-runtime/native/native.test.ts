import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { fiveIndicators, smaCrossover } from "@/bench/engine.bench";
import { catalogue } from "@/nodes/catalogue";
import { defineNode } from "@/nodes/core/define";
import { Registry } from "@/nodes/core/registry";
import { compile } from "../compiler";
import { type BarColumns, barAt } from "../data/bars";
import { parseBarsCsv } from "../data/csv";
import { syntheticBars } from "../data/synthetic";
import type { RunSettingsInput } from "../execution/settings";
import { runBatch } from "../executor/batch";
import { createStream } from "../executor/stream";
import { PlanBuilder } from "../executor/testing";
import type { Plan } from "../plan/schema";
import { starters } from "../starters";
import { DEFAULT_ADDON_PATH, loadAddon } from "./addon";
import { engineEnvironment } from "./engine-choice";
import { createNativeStream, runBacktest, runNativeBatch, runSweep, withParams } from "./index";
import { buildRandomPlan, expectClose, strategies } from "./testing";

const load = loadAddon(engineEnvironment().addonPath ?? DEFAULT_ADDON_PATH);
const built = load.ok;
const quiet = { log: () => {} };

/**
 * Runs on every machine: CI must have built the addon; elsewhere a machine without a compiler
 * runs backtests on the TypeScript engine, and says why. The suites below that compare the two
 * engines exist only where the addon is built.
 */
test("backtests run on the native engine when it is built, and on TypeScript with a reason when not", () => {
  if (process.env.CI === "true") {
    expect(built, `the native engine must be built in CI: ${load.ok ? "" : load.reason}`).toBe(true);
  }
  const lines: string[] = [];
  const bars = syntheticBars({ count: 300, seed: 3, intervalMs: 86_400_000 });
  const result = runBacktest(fiveIndicators(), bars, {}, { engine: "auto", log: (line) => lines.push(line) });
  expect(result.engine, "the engine that ran").toBe(built ? "native" : "ts");
  if (!built) expect(lines.join("\n"), "the log names why TypeScript runs").toContain(load.reason);
  expect(result.metrics.trades, "either engine gives the TypeScript result").toBe(
    runBatch(fiveIndicators(), bars).metrics.trades,
  );
});

const market = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  count: fc.integer({ min: 2, max: 400 }),
  volatility: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
  intervalMs: fc.constantFrom(86_400_000, 3_600_000),
});
const costs: fc.Arbitrary<RunSettingsInput> = fc.record({
  initialCash: fc.constantFrom(2_000, 100_000),
  defaultQuantity: fc.integer({ min: 1, max: 30 }),
  commission: fc.record({
    percent: fc.constantFrom(0, 0.1),
    perUnit: fc.constantFrom(0, 0.01),
    perOrder: fc.constantFrom(0, 1),
  }),
  slippage: fc.record({ bps: fc.constantFrom(0, 5), ticks: fc.constantFrom(0, 1) }),
  lotSize: fc.constantFrom(1, 0.5),
});

function sample(name: string): BarColumns {
  const parsed = parseBarsCsv(readFileSync(new URL(`../../public/samples/${name}`, import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(`${name} did not parse`);
  return parsed.bars;
}

if (built)
  describe("the native engine equals the TypeScript engine", () => {
    test("random strategies on random data: the same orders, fills, trades, series and metrics", () => {
      let traded = 0;
      fc.assert(
        fc.property(strategies, market, costs, (spec, m, settings) => {
          const plan = buildRandomPlan(spec);
          const bars = syntheticBars(m);
          const expected = runBatch(plan, bars, settings, catalogue);
          const actual = runNativeBatch(plan, bars, settings, quiet);
          if (expected.fills.length > 0) traded++;
          expectClose(actual, expected);
        }),
        { numRuns: 200 },
      );
      expect(traded, "most random strategies trade, so the fills are really compared").toBeGreaterThan(60);
    });

    test("log and exp are within one ulp of JavaScript's (the C library and V8 round a few results apart)", () => {
      const addon = load.ok ? load.addon : (null as never);
      const positives = Float64Array.from(
        { length: 20_000 },
        (_, i) => Math.exp((i - 10_000) / 400) * 1.000001,
      );
      for (const [op, reference, input] of [
        ["math.log", Math.log, positives],
        ["math.exp", Math.exp, positives.map(Math.log)],
      ] as const) {
        const [native] = addon.runKernel(op, "{}", [input]);
        let apart = 0;
        let beyondUlp = 0;
        for (let i = 0; i < input.length; i++) {
          const expected = reference(input[i]);
          if (native[i] === expected) continue;
          apart++;
          // One ulp of a double is at most its magnitude × 2^-52.
          if (Math.abs(native[i] - expected) > Math.abs(expected) * 2 ** -52) beyondUlp++;
        }
        expect(beyondUlp, `${op}: no result more than one ulp from V8's`).toBe(0);
        // log differs on about 0.6% of these, exp on about 9%: rounding, not a different function.
        expect(apart, `${op}: most results are the same double`).toBeLessThan(input.length / 5);
      }
    });

    test("streaming bar by bar on the native core gives the TypeScript stream's result", () => {
      fc.assert(
        fc.property(strategies, market, costs, (spec, m, settings) => {
          const plan = buildRandomPlan(spec);
          const bars = syntheticBars(m);
          const ts = createStream(plan, settings, catalogue, 4);
          const native = createNativeStream(plan, settings, quiet);
          for (let i = 0; i < m.count; i++) {
            const bar = barAt(bars, i);
            expectClose(native.pushBar(bar), ts.pushBar(bar), `bar ${i}`);
          }
          expectClose(native.result(), ts.result());
        }),
        { numRuns: 60 },
      );
    });

    const files = readdirSync(new URL("../../public/samples/", import.meta.url)).filter((f) =>
      f.endsWith(".csv"),
    );
    test.each(starters.map((starter) => [starter.id, starter] as const))(
      "starter %s on every sample file",
      (_, starter) => {
        const compiled = compile(starter.graph, { registry: catalogue });
        expect(compiled.ok, "the starter compiles").toBe(true);
        for (const file of files) {
          const bars = sample(file);
          const expected = runBatch(compiled.plan!, bars, { initialCash: 100_000 }, catalogue);
          const actual = runNativeBatch(compiled.plan!, bars, { initialCash: 100_000 }, quiet);
          expect(actual.fills.length, `fills of ${starter.id} on ${file}`).toBe(expected.fills.length);
          expectClose(actual, expected, `${starter.id} on ${file}`);
        }
      },
    );

    test("the benchmark strategies over 20 000 bars", () => {
      const bars = syntheticBars({ count: 20_000, seed: 11, intervalMs: 60_000, volatility: 0.3 });
      for (const plan of [smaCrossover(), fiveIndicators()]) {
        const expected = runBatch(plan, bars, { initialCash: 1e6 }, catalogue);
        expect(expected.trades.length, "the strategy trades").toBeGreaterThan(50);
        expectClose(runNativeBatch(plan, bars, { initialCash: 1e6 }, quiet), expected);
      }
    });

    test("a sweep returns each parameter set's metrics, equal to TypeScript runs of the same plans", async () => {
      const plan = smaCrossover();
      const bars = syntheticBars({ count: 5_000, seed: 3, intervalMs: 3_600_000 });
      const sets = [5, 8, 13, 21].flatMap((fast) =>
        [30, 55].map((slow) => ({ 0: { period: fast }, 1: { period: slow } })),
      );
      const outcomes = await runSweep(plan, bars, { initialCash: 50_000 }, sets, { ...quiet, workers: 2 });
      expect(outcomes.length).toBe(sets.length);
      outcomes.forEach((outcome, k) => {
        const variant = withParams(plan, sets[k], catalogue);
        expect(variant.steps[2].start, "the crossing starts when the slower average is ready").toBe(
          sets[k][1].period - 1,
        );
        if (!outcome.ok) throw new Error(outcome.error);
        expectClose(
          outcome.metrics,
          runBatch(variant, bars, { initialCash: 50_000 }, catalogue).metrics,
          `set ${k}`,
        );
      });
    });

    test("a plan with an op the core lacks runs on the TypeScript engine, and the log says so", () => {
      // The core computes every catalogue op, so the op it lacks is a node only this test registers.
      const halfPrice = defineNode({
        type: "custom.halfPrice",
        version: 1,
        title: "Half price",
        category: "custom",
        description: "Half the source.",
        inputs: [{ name: "source", type: "series", label: "Source" }],
        outputs: [{ name: "value", type: "series", label: "Value" }],
        params: z.object({}),
        warmup: () => 0,
        kernel: () => ({
          run([source], [out], from, to) {
            for (let i = from; i < to; i++) out[i] = source[i] / 2;
          },
        }),
      });
      const registry = new Registry([...catalogue.definitions, halfPrice]);
      const builder = new PlanBuilder(registry);
      const [half] = builder.step("custom.halfPrice", {}, [PlanBuilder.close]);
      const [double] = builder.step("math.add", {}, [half, half]);
      const [up] = builder.step("logic.crossesAbove", {}, [PlanBuilder.open, double]);
      const plan = builder.order({ action: "enterLong", when: up }).build();
      const bars = syntheticBars({ count: 500, seed: 5, intervalMs: 3_600_000 });
      const lines: string[] = [];
      const result = runBacktest(plan, bars, {}, { registry, log: (line) => lines.push(line) });
      expect(result.engine, "custom.halfPrice is not native").toBe("ts");
      expect(
        lines.some((line) => line.includes('"custom.halfPrice"') && line.includes("TypeScript")),
        `the log names the op and the engine: ${lines.join(" ")}`,
      ).toBe(true);
      expect(result.metrics.trades, "the TypeScript engine ran the plan").toBe(
        runBatch(plan, bars, {}, registry).metrics.trades,
      );
      expect(runBacktest(fiveIndicators(), bars, {}, quiet).engine).toBe("native");
    });
  });

if (built)
  describe("the binding refuses wrong calls with a sentence", () => {
    const addon = load.ok ? load.addon : (null as never);
    const bars = syntheticBars({ count: 50, seed: 1 });
    const plan = JSON.stringify(smaCrossover());
    // Calls as untyped JS code could make them: the point is what the binding does with wrong types.
    const loose = addon as unknown as Record<string, (...args: unknown[]) => unknown>;
    const LooseStream = addon.NativeStream as unknown as new (
      ...args: unknown[]
    ) => { pushBar(...args: unknown[]): unknown };
    const copy = (): BarColumns => ({
      time: bars.time.slice(),
      open: bars.open.slice(),
      high: bars.high.slice(),
      low: bars.low.slice(),
      close: bars.close.slice(),
      volume: bars.volume.slice(),
    });
    const mutate = (change: (p: Plan) => void) => {
      const p = JSON.parse(plan) as Plan;
      change(p);
      return JSON.stringify(p);
    };
    const cases: [string, () => unknown, RegExp][] = [
      ["no arguments", () => loose.runBatch(), /plan must be given as a JSON string/],
      ["a plan that is a number", () => loose.runBatch(42, bars), /plan must be given as a JSON string/],
      ["malformed JSON", () => addon.runBatch('{"format": ', bars), /not valid JSON.*character \d+/],
      ["deep nesting", () => addon.runBatch("[".repeat(100_000), bars), /nests deeper than 32 levels/],
      ["a plan that is a list", () => addon.runBatch("[]", bars), /must be a JSON object/],
      [
        "huge slot count",
        () =>
          addon.runBatch(
            mutate((p) => (p.slotCount = 1e12)),
            bars,
          ),
        /slotCount.*from 6 to 100000/,
      ],
      [
        "negative slot count",
        () =>
          addon.runBatch(
            mutate((p) => (p.slotCount = -3)),
            bars,
          ),
        /slotCount/,
      ],
      [
        "huge input slot",
        () =>
          addon.runBatch(
            mutate((p) => (p.steps[0].inputs = [2 ** 40])),
            bars,
          ),
        /not a slot from 0 to/,
      ],
      [
        "negative start",
        () =>
          addon.runBatch(
            mutate((p) => (p.steps[0].start = -1)),
            bars,
          ),
        /"start" must be a whole number/,
      ],
      [
        "an output over the prices",
        () =>
          addon.runBatch(
            mutate((p) => (p.steps[0].outputs = [4])),
            bars,
          ),
        /holds the price feed/,
      ],
      [
        "two steps writing one slot",
        () =>
          addon.runBatch(
            mutate((p) => (p.steps[1].outputs = p.steps[0].outputs)),
            bars,
          ),
        /already fills/,
      ],
      [
        "a period out of range",
        () =>
          addon.runBatch(
            mutate((p) => (p.steps[0].params.period = 0)),
            bars,
          ),
        /"period" must be a whole number from 2/,
      ],
      [
        "a missing param",
        () =>
          addon.runBatch(
            mutate((p) => delete p.steps[0].params.period),
            bars,
          ),
        /param "period" is missing/,
      ],
      [
        "a wrong input count",
        () =>
          addon.runBatch(
            mutate((p) => p.steps[0].inputs.push(1)),
            bars,
          ),
        /reads 2 input columns; indicators.sma needs 1/,
      ],
      [
        "an unknown action",
        () =>
          addon.runBatch(
            mutate((p) => (p.orders[0].action = "buyTheDip" as never)),
            bars,
          ),
        /"action" must be one of/,
      ],
      [
        "a negative sizing",
        () =>
          addon.runBatch(
            mutate((p) => (p.orders[0].sizing = { mode: "fixedQuantity", quantity: -1 })),
            bars,
          ),
        /must be above 0/,
      ],
      ["bars that are not an object", () => loose.runBatch(plan, 5), /bars must be an object/],
      [
        "a column that is a plain list",
        () => loose.runBatch(plan, { ...bars, close: [1, 2, 3] }),
        /close column must be a Float64Array/,
      ],
      [
        "a column of floats",
        () => loose.runBatch(plan, { ...bars, open: new Float32Array(50) }),
        /open column must be a Float64Array/,
      ],
      [
        "a short column",
        () => addon.runBatch(plan, { ...bars, low: bars.low.subarray(0, 10) }),
        /differ in length.*low has 10/,
      ],
      [
        "NaN in a price",
        () => {
          const b = copy();
          b.close[7] = Number.NaN;
          return addon.runBatch(plan, b);
        },
        /Bar 7 has a missing or non-numeric close/,
      ],
      [
        "time going backwards",
        () => {
          const b = copy();
          b.time[9] = b.time[3];
          return addon.runBatch(plan, b);
        },
        /bar 9\) is not later/,
      ],
      [
        // The core checks bars chunk by chunk (2,048 at a time) as it runs.
        "an infinite volume in a later chunk",
        () => {
          const b = syntheticBars({ count: 5_000, seed: 3 });
          b.volume[4_321] = Number.POSITIVE_INFINITY;
          return addon.runBatch(plan, b);
        },
        /Bar 4321 has a missing or non-numeric volume \(Infinity\)/,
      ],
      [
        "time going backwards across a chunk boundary",
        () => {
          const b = syntheticBars({ count: 5_000, seed: 3 });
          b.time[2_048] = b.time[2_047];
          return addon.runBatch(plan, b);
        },
        /bar 2048\) is not later/,
      ],
      [
        "settings that are not JSON",
        () => addon.runBatch(plan, bars, "{cash"),
        /run settings are not valid JSON/,
      ],
      [
        "negative initial cash",
        () => addon.runBatch(plan, bars, JSON.stringify({ initialCash: -5 })),
        /initialCash must be a number above 0/,
      ],
      [
        "a stream fed text",
        () => new LooseStream(plan).pushBar("1", 1, 1, 1, 1, 1),
        /the time is not a number/,
      ],
      ["a stream given no plan", () => new LooseStream(), /plan must be given as a JSON string/],
      [
        "a stream given no array to write into",
        () => new LooseStream(plan).pushBar(1, 1, 1, 1, 1, 1, [0, 0]),
        /needs a Float64Array/,
      ],
      ["a sweep of numbers", () => loose.runSweep([1], bars), /Plan 1 of the sweep is not a JSON string/],
      [
        "a sweep with -1 workers",
        () => addon.runSweep([plan], bars, "{}", -1),
        /worker count must be a whole number/,
      ],
    ];
    test.each(cases)("%s", (_, call, message) => {
      expect(call).toThrow(message);
      try {
        call();
      } catch (error) {
        expect(error, "a JS Error, not a crash or a thrown string").toBeInstanceOf(Error);
        expect((error as Error).message, "a sentence").toMatch(/^[A-Z"].*[.)]$/s);
      }
    });

    test("a stream refuses a bar that is not later than the last, and keeps working", () => {
      const stream = new addon.NativeStream(plan);
      const out = new Float64Array(64);
      stream.pushBar(1000, 10, 11, 9, 10, 5, out);
      expect(() => stream.pushBar(1000, 10, 11, 9, 10, 5, out)).toThrow(
        /not later than the previous bar at 1000/,
      );
      expect(stream.pushBar(2000, 10, 11, 9, 10, 5, out), "six numbers: nothing happened").toBe(6);
      expect(out[0], "the next good bar is bar 1").toBe(1);
    });

    test("a stream asks for a larger outcome array instead of writing past a small one", () => {
      const always = JSON.parse(plan);
      // Enter on every bar: each bar after the first has an order placed and one filled.
      always.constants.push({ slot: always.slotCount, value: 1 });
      always.orders = [
        { action: "enterLong", when: always.slotCount, orderType: "market", timeInForce: "gtc" },
      ];
      always.slotCount += 1;
      always.warmup = 0;
      const stream = new addon.NativeStream(JSON.stringify(always));
      const roomy = new Float64Array(64);
      stream.pushBar(1000, 10, 11, 9, 10, 5, roomy);
      const tiny = new Float64Array(6);
      const needed = stream.pushBar(2000, 10, 11, 9, 10, 5, tiny);
      expect(needed, "minus the size needed: events and a fill do not fit in six numbers").toBeLessThan(-6);
      expect(stream.packLast(roomy), "the same outcome, written in full").toBe(-needed);
      expect(roomy[5], "one fill on the second bar").toBe(1);
    });
  });

if (built)
  describe("the plan reader under fuzzing", () => {
    const addon = load.ok ? load.addon : (null as never);
    const bars = syntheticBars({ count: 40, seed: 2 });
    const base = JSON.parse(JSON.stringify(fiveIndicators()));

    /** Replaces the value at a random path of the plan with a random JSON value. */
    const mutated = fc
      .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.jsonValue({ maxDepth: 3 }))
      .map(([choices, value]) => {
        const plan = structuredClone(base);
        // biome-ignore lint/suspicious/noExplicitAny: walks arbitrary JSON by random keys
        let node: any = plan;
        for (let k = 0; k < choices.length; k++) {
          const keys = Array.isArray(node) ? node.map((_: unknown, i: number) => i) : Object.keys(node);
          if (keys.length === 0) break;
          const key = keys[choices[k] % keys.length];
          if (k === choices.length - 1 || node[key] === null || typeof node[key] !== "object") {
            node[key] = value;
            break;
          }
          node = node[key];
        }
        return JSON.stringify(plan);
      });

    const outcome = (text: string) => {
      try {
        addon.runBatch(text, bars);
        return "ran";
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message.length, "an explanation").toBeGreaterThan(10);
        return "refused";
      }
    };

    test("mutated plans either run or are refused with an error, never crash", () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(mutated, (text) => void seen.add(outcome(text))),
        { numRuns: 2000 },
      );
      expect([...seen].sort(), "both outcomes happen, so the mutations reach deep").toEqual([
        "ran",
        "refused",
      ]);
    });

    test("random text and random JSON are refused with an error", () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: "binary" })), (text) => {
          expect(outcome(text)).toBe("refused");
        }),
        { numRuns: 1000 },
      );
    });

    test("truncated plans are refused", () => {
      const text = JSON.stringify(base);
      for (let cut = 0; cut < text.length; cut += 7) expect(outcome(text.slice(0, cut))).toBe("refused");
    });
  });
