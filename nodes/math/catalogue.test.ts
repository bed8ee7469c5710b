import { describe, expect, it } from "vitest";
import type { NodeDefinition } from "@/nodes/core/define";
import { columnsOf } from "@/nodes/core/ports";
import { dataNodes } from "@/nodes/data/index";
import { logicNodes } from "@/nodes/logic/index";
import { patternsNodes } from "@/nodes/patterns/index";
import { barColumns, loadSample } from "@/nodes/testing/market";
import { mathNodes } from "./index";
import { expectStreamingEqualsBatch } from "./testing";

const lists: [string, NodeDefinition[]][] = [
  ["data", dataNodes],
  ["math", mathNodes],
  ["logic", logicNodes],
  ["patterns", patternsNodes],
];

describe.each(lists)("the %s catalogue", (category, nodes) => {
  it("is sorted by type and every type sits in its category", () => {
    const types = nodes.map((n) => n.type);
    expect(types, "an explicit, sorted list").toEqual([...types].sort((a, b) => a.localeCompare(b)));
    for (const node of nodes) expect(node.category, `${node.type} category`).toBe(category);
  });

  it.each(nodes.map((n) => [n.type, n] as const))(
    "%s: defaults parse, fallbacks name real params",
    (_, node) => {
      const defaults = node.params.parse({}) as Record<string, unknown>;
      for (const port of node.inputs) {
        if (port.fallbackParam) {
          expect(
            typeof defaults[port.fallbackParam],
            `${node.type}.${port.name} falls back to a number param`,
          ).toBe("number");
        }
      }
      expect(node.description.length, `${node.type} explains itself`).toBeGreaterThan(60);
    },
  );

  it.each(nodes.map((n) => [n.type, n] as const))(
    "%s: streams like a batch run with its defaults",
    (_, node) => {
      const sample = loadSample("2006-min-005.csv");
      const bars = barColumns(sample);
      // Feed every input from real data: bars to bars inputs, closes to numbers, up-bars to true/false.
      const up = sample.close.map((c, i) => (c > sample.open[i] ? 1 : 0));
      const inputs =
        node.inputs.length === 0 && node.type === "data.priceFeed"
          ? bars
          : node.inputs.flatMap((port, p) =>
              port.type === "bars"
                ? bars
                : port.type === "bool"
                  ? [up]
                  : [p % 2 === 0 ? sample.close : sample.open],
            );
      if (inputs.length === 0) return; // a constant has no input to stream over; its own test covers it
      const outputs = expectStreamingEqualsBatch(node, {}, inputs, 3);
      const width = node.outputs.reduce((n, port) => n + columnsOf(port.type), 0);
      expect(outputs.length, `${node.type} writes every output column`).toBe(width);
    },
  );
});
