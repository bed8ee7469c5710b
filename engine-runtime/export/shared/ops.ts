import type { StepInfo } from "./model";

/**
 * How a target writes one op: the function it emits once (only when a plan uses the op), the
 * helpers that function needs, and the call that computes a step. `args` holds one expression per
 * input port (a bars input is one expression for all six columns).
 */
export interface OpWriter {
  /** The function's name in the target; reserved so no variable takes it. */
  name: string;
  code: string;
  helpers?: string[];
  /** How many values the call returns: 1, or the output count for a list to unpack. */
  call(args: string[], step: StepInfo, literal: (value: number) => string): string;
  /** Why this step cannot be written (an unsupported param), or "" when it can. */
  refuse?(step: StepInfo): string;
}

export const onlySmaBands = (step: StepInfo) =>
  step.params.maType !== "sma"
    ? `its moving-average type "${String(step.params.maType)}" (only "sma" is exported)`
    : "";

/** Orders MACD's periods the way the engine does: the shorter one is the fast average. */
export function macdPeriods(step: StepInfo): [number, number, number] {
  const fast = step.params.fastPeriod as number;
  const slow = step.params.slowPeriod as number;
  const signal = step.params.signalPeriod as number;
  return slow < fast ? [slow, fast, signal] : [fast, slow, signal];
}
