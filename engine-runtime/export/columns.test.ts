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

/** Ops with columns (not the order and risk nodes folded into rules, not macros) both targets write. */
const exported = catalogue.definitions
  .filter((definition) => definition.kernel && JS_OPS[definition.type] && PY_OPS[definition.type])
  .map((definition) => definition.type);

const daily = (() => {
  const parsed = parseBarsCsv(readFileSync("public/samples/orcl-1995-2014.csv", "utf8"));
  if (!parsed.ok) throw new Error("the ORCL sample does not parse");
  return parsed.bars;
})();
const intraday = syntheticBars({ count: 600, seed: 7, volatility: 0.8, intervalMs: 300_000 });

describe("every exported op computes the engine's column, value for value", () => {
  test("the check covers the ops both runnable targets write", () => {
    expect(exported.length, "ops with columns written by both JavaScript and Python").toBeGreaterThan(55);
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
