import { describe, expect, it } from "vitest";
import { type CliIo, main } from "../cli/main";

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readFile: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return files[path];
    },
    writeFile: async () => {},
  };
  return { io, out, err };
}

const graph = (smaParams: Record<string, unknown>) =>
  JSON.stringify({
    version: 1,
    nodes: [
      { id: "price", type: "data.priceFeed" },
      { id: "sma1", type: "indicators.sma", params: smaParams },
      { id: "above", type: "logic.crossesAbove", params: { value: 100 } },
      { id: "buy", type: "orders.enterLong" },
    ],
    edges: [
      { id: "e1", source: "price", sourceHandle: "value", target: "sma1", targetHandle: "source" },
      { id: "e2", source: "sma1", sourceHandle: "value", target: "above", targetHandle: "a" },
      { id: "e3", source: "above", sourceHandle: "result", target: "buy", targetHandle: "when" },
    ],
  });

describe("strata compile", () => {
  it("prints one line per problem, pointing at the node and param, and exits 1", async () => {
    const { io, out } = fakeIo({ "g.json": graph({ period: 1 }) });
    expect(await main(["compile", "g.json"], io), "errors exit 1").toBe(1);
    expect(out, "the diagnostic line").toEqual([
      "error  node sma1 (param period): SMA “sma1”: period must be at least 2 (got 1).",
    ]);
  });

  it("prints the canonical plan and its hash with --plan, and exits 0", async () => {
    const { io, out } = fakeIo({ "g.json": graph({ period: 20 }) });
    expect(await main(["compile", "g.json", "--plan"], io), "a clean graph exits 0").toBe(0);
    const plan = JSON.parse(out[0]);
    expect(
      plan.steps.map((s: { op: string }) => s.op),
      "the plan's steps",
    ).toEqual(["data.priceFeed", "indicators.sma", "logic.crossesAbove"]);
    expect(plan.warmup, "SMA(20) is ready at bar 19, its crossing one bar later").toBe(20);
    expect(out[1], "the hash line").toMatch(/^sha256 [0-9a-f]{64}$/);
  });

  it("names a file it cannot read", async () => {
    const { io, err } = fakeIo({});
    expect(await main(["compile", "missing.json"], io), "exit 1").toBe(1);
    expect(err[0], "the file and the reason").toBe(
      "error  file missing.json: it cannot be read (ENOENT: no such file, open 'missing.json').",
    );
  });
});

describe("strata nodes", () => {
  it("lists each node with ports and params derived from its zod schema", async () => {
    const { io, out } = fakeIo({});
    expect(await main(["nodes"], io), "exit 0").toBe(0);
    const at = out.indexOf("indicators.sma  SMA  (indicators, v1)");
    expect(at, "SMA is listed").toBeGreaterThanOrEqual(0);
    expect(out.slice(at + 1, at + 4), "its ports and its period param with default and range").toEqual([
      "  in     source: series",
      "  out    value: series",
      "  param  period: integer = 30 [2, 100000]  How many bars to average.",
    ]);
  });

  it("prints JSON with --json", async () => {
    const { io, out } = fakeIo({});
    await main(["nodes", "--json"], io);
    const sma = JSON.parse(out[0]).find((n: { type: string }) => n.type === "indicators.sma");
    expect(sma.params.properties.period, "the JSON Schema of the param").toEqual({
      type: "integer",
      default: 30,
      minimum: 2,
      maximum: 100000,
      description: "How many bars to average.",
    });
  });
});
