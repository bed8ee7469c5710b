import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { catalogue } from "@/nodes/catalogue";
import { parseBarsCsv } from "../data/csv";
import { syntheticBars } from "../data/synthetic";
import { PlanBuilder } from "../executor/testing";
import { PY_OPS } from "./py/ops";
import { columnDifference } from "./testing/columns";
import { JS_OPS } from "./ts/ops";

/** Series inputs take these feeds in turn, so ops of several series see different values. */
const SERIES = [PlanBuilder.close, PlanBuilder.open, PlanBuilder.high, PlanBuilder.low];

/** A plan of one op with its default params, its inputs wired to the bars, for the column check. */
function onePlan(op: string) {
  const b = new PlanBuilder(catalogue);
  const rising = () => b.step("logic.compare", { op: ">" }, [PlanBuilder.close, PlanBuilder.open])[0];
  let series = 0;
  const ports = catalogue.get(op).inputs;
  // The compiler wires a price feed, which has no input port, to the run's bars.
  const inputs =
    op === "data.priceFeed"
      ? PlanBuilder.bars
      : ports.flatMap((port) => {
          if (port.type === "bars") return PlanBuilder.bars;
          if (port.type === "bool") return [rising()];
          if (port.type === "scalar") return [b.constant(3)];
          return [SERIES[series++ % SERIES.length]];
        });
  b.step(op, {}, inputs);
  return b.build();
}

/** How a target finds an op's writer: a Bar Field is written as the Price Feed it is a view of. */
const writerOf = (ops: Record<string, unknown>, type: string) =>
  ops[type === "data.barField" ? "data.priceFeed" : type];

/** Ops with columns: all but the order and risk nodes (folded into rules) and macros (expanded). */
const withColumns = catalogue.definitions.filter((definition) => definition.kernel).map((d) => d.type);
const exported = withColumns.filter((type) => type !== "data.barField");

const daily = (() => {
  const parsed = parseBarsCsv(readFileSync("public/samples/orcl-1995-2014.csv", "utf8"));
  if (!parsed.ok) throw new Error("the ORCL sample does not parse");
  return parsed.bars;
})();
const intraday = syntheticBars({ count: 600, seed: 7, volatility: 0.8, intervalMs: 300_000 });

describe("every exported op computes the engine's column, value for value", () => {
  test("both runnable targets write every op that computes columns", () => {
    expect(
      withColumns.filter((type) => !writerOf(JS_OPS, type)),
      "ops JavaScript cannot write",
    ).toEqual([]);
    expect(
      withColumns.filter((type) => !writerOf(PY_OPS, type)),
      "ops Python cannot write",
    ).toEqual([]);
    expect(withColumns.length, "the catalogue's ops with columns").toBeGreaterThan(90);
  });

  for (const op of exported) {
    test(`${op} with default params, in JavaScript and Python, on daily and intraday bars`, () => {
      const plan = onePlan(op);
      for (const bars of [daily, intraday]) {
        expect(columnDifference("ts", plan, bars), `${op} in JavaScript`).toBe("");
        expect(columnDifference("py", plan, bars), `${op} in Python`).toBe("");
      }
    });
  }
});
