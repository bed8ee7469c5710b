import { z } from "zod";
import { defineNode, type NodeDefinition } from "@/nodes/core/define";
import { Registry } from "@/nodes/core/registry";
import { priceFieldParam, writeField } from "@/nodes/data/fields";
import { sma } from "@/nodes/indicators/sma/sma.node.ts";

/**
 * Test support: stand-ins for the data, math and logic nodes that other engineers write at the same
 * time, with the port shapes the formula expects (inputs a/b, output value). Their kernels are the
 * plain arithmetic, so a formula's expansion can be run and checked against numbers.
 */
function binary(
  type: string,
  name: string,
  output: "series" | "bool",
  input: "series" | "bool",
  f: (a: number, b: number) => number,
) {
  return defineNode({
    type,
    version: 1,
    title: name,
    category: type.startsWith("math.") ? "math" : "logic",
    description: name,
    inputs: [
      { name: "a", type: input, label: "A" },
      { name: "b", type: input, label: "B" },
    ],
    outputs: [{ name: "value", type: output, label: "Value" }],
    params: z.object({}),
    warmup: () => 0,
    formula: { name, params: [] },
    kernel: () => ({
      run([a, b], [out], from, to) {
        for (let i = from; i < to; i++)
          out[i] = Number.isNaN(a[i]) || Number.isNaN(b[i]) ? Number.NaN : f(a[i], b[i]);
      },
    }),
  });
}

const bool = (x: boolean) => (x ? 1 : 0);

export const testConstant = defineNode({
  type: "data.constant",
  version: 1,
  title: "Constant",
  category: "data",
  description: "A number.",
  inputs: [],
  outputs: [{ name: "value", type: "scalar", label: "Value" }],
  params: z.object({ value: z.number().min(-1e12).max(1e12).default(0) }),
  warmup: () => 0,
  kernel: ({ value }) => ({
    run(_inputs, [out], from, to) {
      out.fill(value, from, to);
    },
  }),
});

export const testPriceFeed = defineNode({
  type: "data.priceFeed",
  version: 1,
  title: "Price Feed",
  category: "data",
  description: "The run's bars; the test executor supplies them.",
  inputs: [],
  outputs: [{ name: "bars", type: "bars", label: "Bars" }],
  params: z.object({ symbol: z.string().default("") }),
  warmup: () => 0,
  kernel: () => ({ run() {} }),
});

export const testBarField = defineNode({
  type: "data.barField",
  version: 1,
  title: "Bar Field",
  category: "data",
  description: "One price of each bar.",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "Value" }],
  params: z.object({ field: priceFieldParam }),
  warmup: () => 0,
  kernel: ({ field }, { start }) => ({
    run(inputs, [out], from, to) {
      writeField(field, inputs, out, from, to, start);
    },
  }),
});

/** Population standard deviation over `period` bars, as TA-Lib's STDDEV with nbDev 1. */
export const testStdev = defineNode({
  type: "math.stdev",
  version: 1,
  title: "Stdev",
  category: "math",
  description: "Rolling standard deviation.",
  inputs: [{ name: "source", type: "series", label: "Source" }],
  outputs: [{ name: "value", type: "series", label: "Value" }],
  params: z.object({ period: z.number().int().min(2).default(20) }),
  warmup: ({ period }) => period - 1,
  formula: { name: "stdev", params: ["period"] },
  kernel: ({ period }) => ({
    run([source], [out], from, to) {
      for (let i = from; i < to; i++) {
        if (i < period - 1) {
          out[i] = Number.NaN;
          continue;
        }
        let mean = 0;
        for (let k = i - period + 1; k <= i; k++) mean += source[k] / period;
        let variance = 0;
        for (let k = i - period + 1; k <= i; k++) variance += (source[k] - mean) ** 2 / period;
        out[i] = Math.sqrt(variance);
      }
    },
  }),
});

/** A function that reads whole bars, like ATR: the bar's high - low. */
export const testRange = defineNode({
  type: "indicators.range",
  version: 1,
  title: "Range",
  category: "indicators",
  description: "High minus low.",
  inputs: [{ name: "bars", type: "bars", label: "Bars" }],
  outputs: [{ name: "value", type: "series", label: "Value" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "range", params: [] },
  kernel: () => ({
    run([, , high, low], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = high[i] - low[i];
    },
  }),
});

export const testNot = defineNode({
  type: "logic.not",
  version: 1,
  title: "Not",
  category: "logic",
  description: "Not.",
  inputs: [{ name: "a", type: "bool", label: "A" }],
  outputs: [{ name: "value", type: "bool", label: "Value" }],
  params: z.object({}),
  warmup: () => 0,
  formula: { name: "not", params: [] },
  kernel: () => ({
    run([a], [out], from, to) {
      for (let i = from; i < to; i++) out[i] = Number.isNaN(a[i]) ? Number.NaN : bool(a[i] === 0);
    },
  }),
});

export const testNodes: NodeDefinition[] = [
  testConstant,
  testPriceFeed,
  testBarField,
  testStdev,
  testRange,
  testNot,
  sma,
  binary("math.add", "add", "series", "series", (a, b) => a + b),
  binary("math.subtract", "subtract", "series", "series", (a, b) => a - b),
  binary("math.multiply", "multiply", "series", "series", (a, b) => a * b),
  binary("math.divide", "divide", "series", "series", (a, b) => a / b),
  binary("math.pow", "pow", "series", "series", (a, b) => a ** b),
  binary("logic.gt", "gt", "bool", "series", (a, b) => bool(a > b)),
  binary("logic.gte", "gte", "bool", "series", (a, b) => bool(a >= b)),
  binary("logic.lt", "lt", "bool", "series", (a, b) => bool(a < b)),
  binary("logic.lte", "lte", "bool", "series", (a, b) => bool(a <= b)),
  binary("logic.eq", "eq", "bool", "series", (a, b) => bool(a === b)),
  binary("logic.neq", "neq", "bool", "series", (a, b) => bool(a !== b)),
  binary("logic.and", "and", "bool", "bool", (a, b) => bool(a !== 0 && b !== 0)),
  binary("logic.or", "or", "bool", "bool", (a, b) => bool(a !== 0 || b !== 0)),
];

export const testRegistry = new Registry(testNodes);
