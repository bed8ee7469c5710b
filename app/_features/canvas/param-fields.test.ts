import { describe, expect, it } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { blockParamFields, paramFields, paramSummary } from "./param-fields";

describe("the inspector form read from zod params", () => {
  it("gives SMA's period as a whole number from 2 to 100,000, default 30, with its help", () => {
    expect(paramFields(catalogue.get("indicators.sma"))).toEqual([
      {
        name: "period",
        label: "Period",
        kind: "number",
        integer: true,
        min: 2,
        max: 100_000,
        step: 1,
        defaultValue: 30,
        help: "How many bars to average.",
      },
    ]);
  });

  it("offers a timeframe as a select whose first choice is the run's own timeframe", () => {
    const timeframe = paramFields(catalogue.get("data.priceFeed")).find((f) => f.name === "timeframe");
    expect(timeframe?.kind).toBe("select");
    expect(
      timeframe?.kind === "select" && timeframe.options.slice(0, 3),
      "empty means the run's timeframe",
    ).toEqual(["", "1m", "5m"]);
  });

  it("gives every node of the catalogue a form without unsupported fields except a block's values", () => {
    const unsupported = catalogue.definitions.flatMap((d) =>
      paramFields(d)
        .filter((f) => f.kind === "unsupported")
        .map((f) => `${d.type}.${f.name}`),
    );
    expect(unsupported, "only the block's values map is edited outside the form").toEqual([
      "custom.block.values",
    ]);
  });

  it("sums up a node's main settings for its card", () => {
    expect(paramSummary(catalogue.get("indicators.sma"), { period: 10 })).toBe("period 10");
  });
});

describe("a custom block's exposed settings in the inspector", () => {
  const blocks = {
    trend: {
      title: "Trend filter",
      nodes: [
        {
          id: "avg",
          type: "indicators.sma",
          typeVersion: 1,
          params: { period: 50 },
          position: { x: 0, y: 0 },
        },
      ],
      edges: [],
      inputs: [],
      outputs: [{ name: "value", label: "Average", node: "avg", port: "value" }],
      params: [{ name: "length", label: "Trend length", node: "avg", param: "period" }],
    },
  };
  const node = {
    id: "b1",
    type: "custom.block",
    typeVersion: 1,
    params: { block: "trend" },
    position: { x: 0, y: 0 },
  };

  it("shows the inner SMA's period field under the block's label, defaulting to the block's own 50", () => {
    expect(blockParamFields(node, blocks)).toEqual([
      expect.objectContaining({
        name: "length",
        label: "Trend length",
        kind: "number",
        min: 2,
        defaultValue: 50,
      }),
    ]);
  });

  it("shows nothing for a block the strategy does not have", () => {
    expect(
      blockParamFields({ ...node, params: { block: "missing" } }, blocks),
      "no block, no fields",
    ).toEqual([]);
  });
});
