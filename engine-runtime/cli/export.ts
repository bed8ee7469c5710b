import type { Graph } from "@/nodes/core/graph";
import { EXPORT_TARGETS, type ExportTarget, exportPlan } from "../export/index";
import type { CliIo } from "./main";

const USAGE = `Usage: strata export graph.json --to ts|py|pine [-o file]
  --to ts     one JavaScript module for Node 20+ (node strategy.mjs bars.csv prints the trades)
  --to py     one Python 3 script using numpy and pandas (python3 strategy.py bars.csv)
  --to pine   a TradingView Pine Script v6 strategy
  -o file     write the code to this file instead of printing it
Every export embeds the graph; \`strata import <file>\` restores it.`;

/** `strata export`: writes a strategy graph as code. Exit codes: 0 done, 1 the file or graph, 2 the command line. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const files: string[] = [];
  let target = "";
  let output = "";
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === "--to" || arg === "-o" || arg === "--out") {
      const value = args[++k];
      if (value === undefined) {
        io.err(`The option ${arg} needs a value.\n${USAGE}`);
        return 2;
      }
      if (arg === "--to") target = value;
      else output = value;
    } else if (arg.startsWith("-")) {
      io.err(`Unknown option ${arg}.\n${USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 1) {
    io.err(
      `${files.length === 0 ? "Name the strategy graph file." : "Name one strategy graph file."}\n${USAGE}`,
    );
    return 2;
  }
  if (!EXPORT_TARGETS.includes(target as ExportTarget)) {
    io.err(`--to must be ts, py or pine${target ? `, not "${target}"` : ""}.\n${USAGE}`);
    return 2;
  }
  let graph: Graph;
  try {
    graph = JSON.parse(await io.readFile(files[0])) as Graph;
  } catch (error) {
    io.err(`The graph file ${files[0]} cannot be read as JSON (${(error as Error).message}).`);
    return 1;
  }
  const result = exportPlan(graph, target as ExportTarget);
  if (!result.ok) {
    io.err(result.message);
    return 1;
  }
  if (output) {
    await io.writeFile(output, result.code);
    io.err(`Wrote ${output}.`);
  } else io.out(result.code);
  return 0;
}
