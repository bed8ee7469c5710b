import { execFileSync } from "node:child_process";
import { catalogue } from "@/nodes/catalogue";
import { type BarColumns, feedColumns } from "../../data/bars";
import { PlanProgram } from "../../executor/program";
import type { Plan } from "../../plan/schema";
import { generate } from "../index";
import { buildModel } from "../shared/model";
import { barsCsv, PYTHON, tempFile } from "./run-export";

/** Every slot of a plan computed by the engine over the bars. */
function engineColumns(plan: Plan, bars: BarColumns): Float64Array[] {
  const program = new PlanProgram(plan, catalogue);
  const columns = program.allocate(bars.time.length, feedColumns(bars));
  program.run(0, bars.time.length);
  return columns;
}

/**
 * Where the columns an exported plan prints with `--columns` differ from the engine's, or "" when
 * every value agrees (to 1e-9 relative; NaN, printed as null, only where the engine has NaN). The
 * columns are printed in step and output order, which is how they map back to the plan's slots.
 */
export function columnDifference(target: "ts" | "py", plan: Plan, bars: BarColumns): string {
  const code = generate(target, { plan });
  const file = tempFile(target === "ts" ? "columns.mjs" : "columns.py", code);
  const csv = tempFile("bars.csv", barsCsv(bars));
  const program = target === "ts" ? process.execPath : PYTHON;
  const output = execFileSync(program, [file, csv, "--columns"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const printed = Object.entries(
    (JSON.parse(output) as { columns: Record<string, (number | null)[]> }).columns,
  );
  const outputs = buildModel({ plan }).steps.flatMap((step) =>
    step.outputs
      .filter((output) => output.port.type !== "bars")
      .map((output) => ({ step, port: output.port.name, slot: output.slot })),
  );
  if (printed.length !== outputs.length) {
    return `${target} printed ${printed.length} columns, the plan computes ${outputs.length}`;
  }
  const engine = engineColumns(plan, bars);
  for (const [k, { step, port, slot }] of outputs.entries()) {
    const [name, values] = printed[k];
    const where = `${target} column ${name} (${step.step.op} output "${port}")`;
    if (values.length !== bars.time.length)
      return `${where} has ${values.length} values for ${bars.time.length} bars`;
    for (let i = 0; i < values.length; i++) {
      const expected = engine[slot][i];
      const actual = values[i];
      const same = Number.isNaN(expected)
        ? actual === null
        : actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
      if (!same) return `${where} at bar ${i}: ${String(actual)}, the engine says ${expected}`;
    }
  }
  return "";
}
