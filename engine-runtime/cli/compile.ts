import { compile, type Diagnostic } from "../compiler/index";
import { planJson } from "../plan/canonical";
import type { CliIo } from "./main";

const USAGE = "Usage: strata compile graph.json [--plan]";

/**
 * `strata compile graph.json [--plan]`: prints each problem as one line (`error  node sma1 (param
 * period): …`), or with --plan the canonical plan and its hash. Exit code 1 when there are errors.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const wantsPlan = args.includes("--plan");
  const files = args.filter((arg) => !arg.startsWith("--"));
  const unknown = args.filter((arg) => arg.startsWith("--") && arg !== "--plan");
  if (files.length !== 1 || unknown.length > 0) {
    io.err(unknown.length > 0 ? `Unknown option ${unknown[0]}.\n${USAGE}` : USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await io.readFile(files[0]);
  } catch (error) {
    io.err(`error  file ${files[0]}: it cannot be read (${(error as Error).message}).`);
    return 1;
  }
  const result = compile(text);
  const report = wantsPlan ? io.err : io.out;
  for (const diagnostic of result.diagnostics) report(formatDiagnostic(diagnostic));
  if (!result.ok) return 1;
  if (wantsPlan) {
    io.out(planJson(result.plan!));
    io.out(`sha256 ${result.hash}`);
  } else if (result.diagnostics.length === 0) {
    io.out(
      `ok  ${result.plan!.steps.length} steps, ${result.plan!.orders.length} order rules, sha256 ${result.hash}`,
    );
  }
  return 0;
}

/** One line per diagnostic: severity, where (node, port or param, edge) and the sentence. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where: string[] = [];
  if (diagnostic.nodeId !== undefined) {
    const detail =
      diagnostic.param !== undefined
        ? ` (param ${diagnostic.param}${diagnostic.column !== undefined ? `, column ${diagnostic.column}` : ""})`
        : diagnostic.port !== undefined
          ? ` (port ${diagnostic.port})`
          : "";
    where.push(`node ${diagnostic.nodeId}${detail}`);
  }
  if (diagnostic.edgeId !== undefined) where.push(`edge ${diagnostic.edgeId}`);
  const place = where.length > 0 ? where.join(", ") : "graph";
  return `${diagnostic.severity}  ${place}: ${diagnostic.message}`;
}
