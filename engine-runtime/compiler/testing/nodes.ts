import { z } from "zod";
import { catalogue } from "@/nodes/catalogue";
import { defineNode, type NodeDefinition } from "@/nodes/core/define";
import type { Graph } from "@/nodes/core/graph";
import { Registry } from "@/nodes/core/registry";

/**
 * Node shapes the compiler tests need that the catalogue does not offer: a macro and a stateful
 * source. A macro: doubles its input by expanding to an Add node fed twice. Version 2 renamed `gain` to `factor`. */
const twice = defineNode({
  type: "custom.twice",
  version: 2,
  title: "Twice",
  category: "custom",
  description: "Test macro: X + X.",
  inputs: [{ name: "x", type: "series", label: "X" }],
  outputs: [{ name: "value", type: "series", label: "Twice" }],
  params: z.object({ factor: z.number().min(0).default(1), fail: z.boolean().default(false) }),
  warmup: () => 0,
  migrations: {
    1: ({ gain, ...rest }) => {
      if (typeof gain !== "number") throw new Error("gain is not a number");
      return { ...rest, factor: gain };
    },
  },
  expand: ({ fail }) =>
    fail
      ? { ok: false, message: "Unexpected “)” at column 7.", param: "formula", column: 7 }
      : {
          ok: true,
          expansion: {
            nodes: [{ id: "add", type: "math.add", typeVersion: 1, params: {}, position: { x: 0, y: 0 } }],
            edges: [],
            inputs: {
              x: [
                { node: "add", port: "a" },
                { node: "add", port: "b" },
              ],
            },
            outputs: { value: { node: "add", port: "value" } },
          },
        },
});

/** A source whose value changes every bar although it has no inputs: must never be folded. */
const barCount = defineNode({
  type: "data.barCount",
  version: 1,
  title: "Bar Count",
  category: "data",
  description: "Test node: 0, 1, 2, … one per bar.",
  inputs: [],
  outputs: [{ name: "value", type: "scalar", label: "Count" }],
  params: z.object({}),
  warmup: () => 0,
  kernel: () => {
    let count = 0;
    return {
      run(_inputs, [out], from, to) {
        for (let i = from; i < to; i++) out[i] = count++;
      },
    };
  },
});

const standIns: NodeDefinition[] = [twice, barCount];

/** The catalogue plus the test-only nodes. */
export const testRegistry = new Registry([
  ...catalogue.definitions,
  ...standIns.filter((definition) => !catalogue.has(definition.type)),
]);

type NodeSpec = [id: string, type: string, params?: Record<string, unknown>, label?: string];
type EdgeSpec = `${string}.${string}->${string}.${string}`;

/** A graph from terse specs: nodes as [id, type, params], edges as "source.port->target.port". */
export function graphOf(nodes: NodeSpec[], edges: EdgeSpec[]): Graph {
  return {
    version: 1,
    nodes: nodes.map(([id, type, params = {}, label], i) => ({
      id,
      type,
      typeVersion: testRegistry.lookup(type).ok ? testRegistry.get(type).version : 1,
      params,
      position: { x: i * 100, y: 0 },
      ...(label === undefined ? {} : { label }),
    })),
    edges: edges.map((spec, i) => {
      const [from, to] = spec.split("->");
      const [source, sourceHandle] = from.split(".");
      const [target, targetHandle] = to.split(".");
      return { id: `e${i + 1}`, source, sourceHandle, target, targetHandle };
    }),
    blocks: {},
    meta: {},
  };
}
