import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogue } from "@/nodes/catalogue";
import { defaultParams, NODE_CATEGORIES, type NodeDefinition } from "@/nodes/core/define";
import { orderRuleSchema } from "@/nodes/core/orders";
import { columnsOf } from "@/nodes/core/ports";

/**
 * The contract every node of the catalogue keeps, checked over all of them: a consistent
 * definition, params whose defaults round-trip, and for compute nodes a kernel that is
 * deterministic, resets by re-creation, gives the batch result whatever chunks the bars arrive in
 * (streaming equals batch), and writes nothing before its inputs start plus its warm-up.
 */
const definitions = catalogue.definitions;
const kernels = definitions.filter((d) => d.kernel);

/**
 * Outputs allowed to hold values before the node's warm-up ends, each with its reason:
 * TA-Lib's PLUS_DI and MINUS_DI are defined from bar `period`, ADX only from 2·period − 1.
 */
const EARLY_OUTPUTS: Record<string, string[]> = { "indicators.adx": ["plusDi", "minusDi"] };

/** Nodes with no default for a param: a custom block is dropped with the block it stands for. */
const NEEDS_A_CHOICE = ["custom.block"];

/** Random positive OHLCV bars an hour apart: highs above and lows below open and close. */
const barsArbitrary = fc
  .array(fc.tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.nat(1000), fc.nat(1000)), {
    minLength: 1,
    maxLength: 120,
  })
  .map((steps) => {
    const n = steps.length;
    const columns = Array.from({ length: 6 }, () => new Float64Array(n));
    let close = 100;
    steps.forEach(([change, spread, volume], i) => {
      const open = close;
      close = open * (1 + change);
      columns[0][i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
      columns[1][i] = open;
      columns[2][i] = Math.max(open, close) + spread / 100;
      columns[3][i] = Math.min(open, close) - spread / 200;
      columns[4][i] = close;
      columns[5][i] = volume;
    });
    return columns;
  });

/** Inputs for a node from random bars: bars ports take all six columns, number ports the close, bool ports a 0/1 pattern. */
function inputsFor(node: NodeDefinition, bars: Float64Array[]): Float64Array[] {
  return node.inputs.flatMap((port) => {
    if (columnsOf(port.type) === 6) return bars;
    if (port.type === "bool") return [bars[4].map((close, i) => (close > bars[1][i] ? 1 : 0))];
    return [bars[4]];
  });
}

function outputCount(node: NodeDefinition): number {
  return node.outputs.reduce((n, port) => n + columnsOf(port.type), 0);
}

function run(node: NodeDefinition, inputs: Float64Array[], start: number, bounds: number[]): Float64Array[] {
  const n = inputs[0]?.length ?? bounds[bounds.length - 1];
  const outputs = Array.from({ length: outputCount(node) }, () => new Float64Array(n));
  const instance = node.kernel!(node.params.parse({}), { start });
  for (let b = 1; b < bounds.length; b++) instance.run(inputs, outputs, bounds[b - 1], bounds[b]);
  return outputs;
}

describe("the catalogue", () => {
  it("has at least 70 node types, each in a known category, sorted and unique", () => {
    const types = definitions.map((d) => d.type);
    expect(types.length, "the issue asks for at least 70 node types").toBeGreaterThanOrEqual(70);
    expect(new Set(types).size, "no type twice").toBe(types.length);
    expect(types, "the registry lists types sorted").toEqual([...types].sort((a, b) => a.localeCompare(b)));
    for (const d of definitions) expect(NODE_CATEGORIES, `${d.type} category`).toContain(d.category);
  });

  it("has at least 40 indicators, each naming where its values were checked", () => {
    const indicators = definitions.filter((d) => d.category === "indicators");
    expect(indicators.length, "the issue asks for at least 40 indicators").toBeGreaterThanOrEqual(40);
    expect(
      indicators.filter((d) => !d.reference).map((d) => d.type),
      "indicators without a reference",
    ).toEqual([]);
  });

  it("answers an unknown type with a sentence naming close matches", () => {
    const lookup = catalogue.lookup("indicators.smaa");
    expect(lookup.ok).toBe(false);
    if (!lookup.ok)
      expect(lookup.reason).toBe(
        'There is no node type "indicators.smaa". Did you mean "indicators.sma", "indicators.ema", "indicators.hma"?',
      );
  });
});

describe.each(definitions.map((d) => [d.type, d] as const))("%s", (_type, node) => {
  it("explains itself and its ports, and its param defaults round-trip", () => {
    expect(node.description.length, "help text a trader can read").toBeGreaterThan(40);
    for (const port of [...node.inputs, ...node.outputs])
      expect(port.label, `${port.name} has a label`).not.toBe("");
    if (NEEDS_A_CHOICE.includes(node.type)) {
      expect(node.params.safeParse({}).success, "a block node cannot run until a block is chosen").toBe(
        false,
      );
      return;
    }
    const defaults = defaultParams(node);
    expect(node.params.parse(defaults), "parsing the defaults again changes nothing").toEqual(defaults);
    expect(JSON.parse(JSON.stringify(defaults)), "defaults survive JSON, as graphs store them").toEqual(
      defaults,
    );
    expect(
      () => z.toJSONSchema(node.params, { io: "input" }),
      "the inspector can describe the params",
    ).not.toThrow();
  });

  if (node.order) {
    it("adds a valid part to an order rule", () => {
      const patch = node.order!(node.params.parse({}) as never, {
        when: 6,
        limitPrice: 7,
        stopPrice: 8,
        distance: 9,
      });
      expect(orderRuleSchema.partial().safeParse(patch).success, JSON.stringify(patch)).toBe(true);
    });
  }
});

describe.each(kernels.map((d) => [d.type, d] as const))("%s kernel", (_type, node) => {
  it("is deterministic, resets by re-creation, streams like batch, and is silent before start + warm-up", () => {
    fc.assert(
      fc.property(barsArbitrary, fc.array(fc.nat(), { maxLength: 6 }), fc.nat(5), (bars, cuts, anyStart) => {
        // A node without graph inputs (a price feed, a constant) always starts at bar 0 in a plan.
        const start = node.inputs.length === 0 ? 0 : anyStart;
        const inputs = node.type === "data.priceFeed" ? bars : inputsFor(node, bars);
        const n = bars[0].length;
        const batch = run(node, inputs, start, [0, n]);
        expect(run(node, inputs, start, [0, n]), "a fresh instance gives the same values again").toEqual(
          batch,
        );
        const bounds = [...new Set([0, ...cuts.map((c) => c % (n + 1)), n])].sort((a, b) => a - b);
        expect(
          run(node, inputs, start, bounds),
          `bars arriving in chunks ${bounds} give the batch result`,
        ).toEqual(batch);
        const warm = start + node.warmup(node.params.parse({}) as never);
        const ports = node.outputs.flatMap((port) =>
          Array.from({ length: columnsOf(port.type) }, () => port.name),
        );
        batch.forEach((column, o) => {
          const silentUntil = EARLY_OUTPUTS[node.type]?.includes(ports[o]) ? start : warm;
          for (let i = 0; i < Math.min(silentUntil, n); i++) {
            expect(column[i], `${ports[o]} holds NaN at bar ${i}, before start ${start} + warm-up`).toBeNaN();
          }
        });
      }),
      { numRuns: 25 },
    );
  });
});
