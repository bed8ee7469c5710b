import type { Diagnostic } from "@/engine-runtime/compiler/index";

/**
 * Why the strategy cannot be run as a backtest or paper session yet, or undefined when it can.
 * A graph with errors has no plan; a plan without an order node would run to the end and report
 * nothing, which reads as a broken backtest rather than an unfinished strategy.
 */
export function runBlocker(diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) return `Fix ${errors} ${errors === 1 ? "problem" : "problems"} first`;
  if (diagnostics.some((d) => d.code === "no-order-node"))
    return "Nothing trades yet: add an Enter Long or Enter Short node first";
  return undefined;
}
