import { describe, expect, it } from "vitest";
import type { CustomBlock } from "@/nodes/core/graph";
import { block } from "./block.node.ts";

/** A "spread" block: fast SMA minus slow SMA of one input, with both periods exposed. */
const spread: CustomBlock = {
  title: "SMA spread",
  nodes: [
    { id: "fast", type: "indicators.sma", typeVersion: 1, params: { period: 10 }, position: { x: 0, y: 0 } },
    {
      id: "slow",
      type: "indicators.sma",
      typeVersion: 1,
      params: { period: 50 },
      position: { x: 0, y: 100 },
    },
    { id: "minus", type: "math.subtract", typeVersion: 1, params: {}, position: { x: 200, y: 50 } },
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
  params: [
    { name: "fastPeriod", label: "Fast period", node: "fast", param: "period" },
    { name: "slowPeriod", label: "Slow period", node: "slow", param: "period" },
  ],
};

const expand = (params: Record<string, unknown>, blocks: Record<string, CustomBlock> = { spread }) =>
  block.expand!(block.params.parse(params), { blocks });

describe("Custom Block", () => {
  it("inlines the block's nodes and maps its inputs and outputs onto in1.., out1.. in order", () => {
    const result = expand({ block: "spread" });
    expect(result.ok, "the block exists").toBe(true);
    if (!result.ok) return;
    expect(
      result.expansion.nodes.map((n) => [n.id, n.params]),
      "unset settings keep the block's values",
    ).toEqual([
      ["fast", { period: 10 }],
      ["slow", { period: 50 }],
      ["minus", {}],
    ]);
    expect(result.expansion.edges, "inner edges are kept").toEqual(spread.edges);
    expect(result.expansion.inputs, "first exposed input is in1, second is in2").toEqual({
      in1: [{ node: "fast", port: "source" }],
      in2: [{ node: "slow", port: "source" }],
    });
    expect(result.expansion.outputs, "the only output is out1").toEqual({
      out1: { node: "minus", port: "value" },
    });
  });

  it("applies exposed setting values to the inner nodes without touching the saved block", () => {
    const result = expand({ block: "spread", values: { slowPeriod: 200 } });
    if (!result.ok) throw new Error(result.message);
    expect(result.expansion.nodes[1].params, "slowPeriod sets the slow SMA's period").toEqual({
      period: 200,
    });
    expect(spread.nodes[1].params, "the block definition is shared by every use and must not change").toEqual(
      { period: 50 },
    );
  });

  it("names an unknown block and suggests a close one", () => {
    expect(expand({ block: "spred" }), "a typo in the block id").toEqual({
      ok: false,
      param: "block",
      message: 'There is no custom block "spred" in this strategy. Did you mean "spread"?',
    });
    expect(expand({ block: "zzz" }, {}), "no blocks at all").toEqual({
      ok: false,
      param: "block",
      message: 'There is no custom block "zzz" in this strategy. Pick one of this strategy\'s blocks.',
    });
  });

  it("names a setting the block does not expose", () => {
    expect(expand({ block: "spread", values: { period: 5 } }), "period is inner, not exposed").toEqual({
      ok: false,
      param: "values",
      message:
        'Custom block "SMA spread" has no setting "period"; its settings are: "fastPeriod", "slowPeriod".',
    });
  });

  it("refuses a block with more exposed inputs than the node has ports", () => {
    const wide: CustomBlock = {
      ...spread,
      inputs: Array.from({ length: 5 }, (_, i) => ({
        name: `s${i}`,
        label: `S${i}`,
        node: "fast",
        port: "source",
      })),
    };
    const result = expand({ block: "wide" }, { wide });
    expect(result.ok ? "" : result.message, "four ports is the limit").toBe(
      'Custom block "SMA spread" exposes 5 inputs; a block node carries at most 4.',
    );
  });

  it("refuses a block that exposes a node it does not contain", () => {
    const broken: CustomBlock = {
      ...spread,
      outputs: [{ name: "x", label: "X", node: "gone", port: "value" }],
    };
    const result = expand({ block: "broken" }, { broken });
    expect(result.ok ? "" : result.message, "the dangling reference is named").toBe(
      'Custom block "SMA spread" exposes "x" from node "gone", which is not in the block.',
    );
  });

  it("refuses a block that contains itself", () => {
    const loop: CustomBlock = {
      ...spread,
      nodes: [
        ...spread.nodes,
        {
          id: "me",
          type: "custom.block",
          typeVersion: 1,
          params: { block: "loop" },
          position: { x: 0, y: 0 },
        },
      ],
    };
    const result = expand({ block: "loop" }, { loop });
    expect(result.ok ? "" : result.message, "direct recursion would never end").toBe(
      'Custom block "SMA spread" contains itself (node "me"); a block cannot nest in itself.',
    );
  });

  it("explains a missing block choice in its params", () => {
    expect(
      block.params.safeParse({ block: "" }).error?.issues[0].message,
      "the block param is required",
    ).toBe("Choose a custom block.");
  });
});
