import type { StepInfo } from "../shared/model";

/** What an op writer can ask of the generator while it writes one step. */
export interface PineContext {
  input(step: StepInfo, param: string, kind: "int" | "float"): string;
  /** A fresh helper variable name. */
  temp(parts: string[]): string;
  /** Writes a function of PINE_FUNCTIONS (and those it calls) once, above the indicators; returns its name. */
  use(name: string): string;
  lines: string[];
}

/**
 * The lines of one step: `args` holds one expression per series input, `bars` the six columns of
 * its bars input (the chart's own built-ins unless it reads a higher timeframe). Throwing an
 * Error refuses the step; its message completes "the Pine Script export does not support ...".
 */
export type PineOp = (
  args: string[],
  step: StepInfo,
  out: string[],
  context: PineContext,
  bars: readonly string[],
) => string[];

export function literal(value: number): string {
  if (!Number.isFinite(value)) return "na";
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** `condition ? 1.0 : 0.0`, empty when either input is empty, as the engine's bool columns. */
export const guard2 = (a: string, b: string, test: string) =>
  `na(${a}) or na(${b}) ? na : ${test} ? 1.0 : 0.0`;
