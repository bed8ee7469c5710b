import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseArgs, run } from "./backtest";
import type { CliIo } from "./main";

const csv = readFileSync(new URL("../../public/samples/2006-day-001.csv", import.meta.url), "utf8");

const crossover = {
  version: 1,
  nodes: [
    { id: "feed", type: "data.priceFeed", params: {} },
    { id: "fast", type: "indicators.sma", params: { period: 10 } },
    { id: "slow", type: "indicators.sma", params: { period: 30 } },
    { id: "up", type: "logic.crossesAbove", params: {} },
    { id: "down", type: "logic.crossesBelow", params: {} },
    { id: "buy", type: "orders.enterLong", params: {} },
    { id: "sell", type: "orders.exit", params: { side: "long" } },
  ],
  edges: [
    ["feed", "value", "fast", "source"],
    ["feed", "value", "slow", "source"],
    ["fast", "value", "up", "a"],
    ["slow", "value", "up", "b"],
    ["fast", "value", "down", "a"],
    ["slow", "value", "down", "b"],
    ["up", "result", "buy", "when"],
    ["down", "result", "sell", "when"],
  ].map(([source, sourceHandle, target, targetHandle], k) => ({
    id: `e${k}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  })),
};

function io(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readFile: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return files[path];
    },
    writeFile: async () => {},
  };
  return { cli, out, err };
}

describe("strata backtest", () => {
  const files = { "cross.json": JSON.stringify(crossover), "day.csv": csv };

  test("prints the metrics and the trades as a table", async () => {
    const { cli, out, err } = io(files);
    expect(await run(["cross.json", "--data", "day.csv"], cli), err.join("\n")).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/^Trades\s+3$/m);
    expect(text, "the first trade: 2006-05-02 open to 2006-05-16 open").toMatch(
      /^\s*1\s+long\s+2006-05-02\s+3839\.24\s+2006-05-16\s+3711\.46\s+1\s+-127\.78\s+10\s+signal$/m,
    );
    expect(text, "the position still open at the end is listed too").toMatch(
      /^\s*4\s+long\s+2006-12-19.*open$/m,
    );
  });

  test("prints JSON with costs applied", async () => {
    const { cli, out } = io(files);
    const code = await run(
      [
        "cross.json",
        "--data",
        "day.csv",
        "--format",
        "json",
        "--cash",
        "50000",
        "--qty",
        "2",
        "--commission",
        "1/order",
      ],
      cli,
    );
    expect(code).toBe(0);
    const report = JSON.parse(out.join("\n"));
    expect(report.trades[0], "2 units, 2 × −127.78 − 2 × 1 commission").toMatchObject({
      quantity: 2,
      pnl: -257.56,
      commission: 2,
    });
    expect(report.metrics.initialEquity).toBe(50000);
  });

  test("reads a compiled plan as well as a graph", async () => {
    const plan = (await import("../compiler/index")).compile(crossover).plan;
    const { cli, out } = io({ ...files, "plan.json": JSON.stringify(plan) });
    expect(await run(["plan.json", "--data", "day.csv", "--format", "json"], cli)).toBe(0);
    expect(JSON.parse(out.join("\n")).trades).toHaveLength(3);
  });

  test("prints the compiler's diagnostics for a broken graph", async () => {
    const broken = {
      ...crossover,
      nodes: crossover.nodes.map((n) => (n.id === "fast" ? { ...n, type: "indicators.smaa" } : n)),
    };
    const { cli, err } = io({ ...files, "broken.json": JSON.stringify(broken) });
    expect(await run(["broken.json", "--data", "day.csv"], cli)).toBe(1);
    expect(err.join("\n")).toMatch(/^error\s+node fast.*indicators\.smaa/m);
  });

  test("names the line of a bad CSV row", async () => {
    const bad = csv.replace("2006-01-04,3615.23,3652.46", "2006-01-04,3615.23,x");
    const { cli, err } = io({ ...files, "bad.csv": bad });
    expect(await run(["cross.json", "--data", "bad.csv"], cli)).toBe(1);
    expect(err.join("\n")).toBe('Line 4 of bad.csv: High "x" is not a number.');
  });

  test("parses commission and slippage in the trader's notation", () => {
    expect(
      parseArgs([
        "g.json",
        "--data",
        "d.csv",
        "--commission",
        "0.1%,0.01/unit",
        "--commission",
        "1/order",
        "--slippage",
        "5bps,2ticks",
      ]),
    ).toMatchObject({
      settings: { commission: { percent: 0.1, perUnit: 0.01, perOrder: 1 }, slippage: { bps: 5, ticks: 2 } },
    });
    expect(parseArgs(["g.json", "--data", "d.csv", "--commission", "10 dollars"])).toBe(
      '--commission takes 0.1%, 0.01/unit or 1/order, not "10 dollars".',
    );
    expect(parseArgs(["g.json"])).toBe("Name the price data with --data file.csv.");
    expect(parseArgs(["g.json", "--data", "d.csv", "--cash", "-5"])).toBe(
      '--cash must be a number above 0, not "-5".',
    );
  });
});
