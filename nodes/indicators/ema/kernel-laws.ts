import { expect } from "vitest";
import type { NodeDefinition } from "@/nodes/core/define";
import { runNode } from "@/nodes/testing/run-node";
import { maxRelativeError } from "@/nodes/testing/talib";

/**
 * Test helpers shared by the indicator tests: the laws every kernel obeys whatever it computes,
 * and the comparison with a reference series.
 */

function outputName(definition: NodeDefinition, index: number): string {
  return definition.outputs[index]?.name ?? `#${index}`;
}

/** Bar-by-bar streaming gives bit-identical outputs to one batch run. */
export function expectStreamingEqualsBatch(
  definition: NodeDefinition,
  params: Record<string, unknown>,
  inputs: readonly Float64Array[],
): void {
  const batch = runNode(definition, params, inputs);
  const streamed = runNode(definition, params, inputs, { streaming: true });
  batch.forEach((column, o) => {
    expect(
      streamed[o],
      `${definition.type} ${outputName(definition, o)}: streaming must equal batch`,
    ).toEqual(column);
  });
}

/**
 * Bars before `start` do not exist for a kernel: prefixing the inputs with `prefix` NaN bars and
 * passing start = prefix shifts the outputs by `prefix` bars and changes nothing else.
 */
export function expectStartShiftsOutputs(
  definition: NodeDefinition,
  params: Record<string, unknown>,
  inputs: readonly Float64Array[],
  prefix = 7,
): void {
  const plain = runNode(definition, params, inputs);
  const padded = inputs.map((column) => {
    const longer = new Float64Array(column.length + prefix).fill(Number.NaN);
    longer.set(column, prefix);
    return longer;
  });
  for (const streaming of [false, true]) {
    const shifted = runNode(definition, params, padded, { start: prefix, streaming });
    plain.forEach((column, o) => {
      const name = `${definition.type} ${outputName(definition, o)}`;
      expect(Array.from(shifted[o].subarray(0, prefix)), `${name}: bars before start are NaN`).toEqual(
        new Array(prefix).fill(Number.NaN),
      );
      expect(
        shifted[o].subarray(prefix),
        `${name}: start=${prefix} shifts the outputs by ${prefix} bars`,
      ).toEqual(column);
    });
  }
}

/**
 * No look-ahead: the outputs at bars < cut do not change when the bars from `cut` on are removed,
 * so nothing a bar shows depends on a later bar.
 */
export function expectNoLookAhead(
  definition: NodeDefinition,
  params: Record<string, unknown>,
  inputs: readonly Float64Array[],
  cut: number,
): void {
  const full = runNode(definition, params, inputs);
  const truncated = runNode(
    definition,
    params,
    inputs.map((column) => column.slice(0, cut)),
  );
  full.forEach((column, o) => {
    expect(
      truncated[o],
      `${definition.type} ${outputName(definition, o)}: bars before ${cut} must not depend on later bars`,
    ).toEqual(column.subarray(0, cut));
  });
}

/** Same warm-up (NaN at the same bars) and relative error below `tolerance` everywhere else. */
export function expectCloseTo(
  actual: Float64Array,
  expected: Float64Array,
  what: string,
  tolerance = 1e-9,
): void {
  const { error, at } = maxRelativeError(actual, expected);
  expect(
    error,
    `${what}: relative error ${error} at bar ${at} (ours ${actual[at]}, reference ${expected[at]})`,
  ).toBeLessThan(tolerance);
}

/** The number of leading NaN bars, i.e. the warm-up a series shows. */
export function leadingNaNs(column: Float64Array): number {
  let i = 0;
  while (i < column.length && Number.isNaN(column[i])) i++;
  return i;
}
