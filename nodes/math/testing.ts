import fc from "fast-check";
import { expect } from "vitest";
import type { NodeDefinition } from "@/nodes/core/define";
import { runNode } from "@/nodes/testing/run-node";

/**
 * Test helper for the data, math, logic and pattern nodes: runs a node in batch and bar by bar
 * and expects identical columns (NaN equal to NaN), returning the batch outputs.
 */
export function expectStreamingEqualsBatch(
  definition: NodeDefinition,
  params: Record<string, unknown>,
  inputs: readonly Float64Array[],
  start = 0,
): Float64Array[] {
  const batch = runNode(definition, params, inputs, { start });
  const streaming = runNode(definition, params, inputs, { start, streaming: true });
  batch.forEach((column, c) => {
    expect(
      Array.from(streaming[c]),
      `${definition.type} output column ${c}: streaming must equal batch`,
    ).toEqual(Array.from(column));
  });
  return batch;
}

/** Columns from plain numbers; `null` stands for NaN so hand-written vectors read easily. */
export function col(values: readonly (number | null)[]): Float64Array {
  return Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
}

/** The output column as plain numbers with NaN shown as null, for readable toEqual diffs. */
export function plain(column: Float64Array): (number | null)[] {
  return Array.from(column, (v) => (Number.isNaN(v) ? null : v));
}

/** Random price-like series: a positive walk, optionally with NaN gaps, for property tests. */
export const priceSeries = (minLength = 1, maxLength = 200) =>
  fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength, maxLength }).map((steps) => {
    const out = new Float64Array(steps.length);
    let price = 100;
    steps.forEach((step, i) => {
      price *= 1 + step;
      out[i] = Math.round(price * 100) / 100;
    });
    return out;
  });

/** Random series with occasional NaN gaps and repeated values, for streaming-equals-batch properties. */
export const gappySeries = (maxLength = 120) =>
  fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: -50, max: 50 }).map((v) => v / 4) },
        { weight: 1, arbitrary: fc.constant(Number.NaN) },
      ),
      { minLength: 1, maxLength },
    )
    .map((values) => Float64Array.from(values));

/** A property: for any series, period and start, streaming equals batch. */
export function streamingEqualsBatchProperty(
  definition: NodeDefinition,
  paramsFor: (period: number) => Record<string, unknown>,
  minPeriod = 1,
): void {
  fc.assert(
    fc.property(
      gappySeries(),
      fc.integer({ min: minPeriod, max: 12 }),
      fc.nat(5),
      (values, period, start) => {
        const params = paramsFor(period);
        const batch = runNode(definition, params, [values], { start });
        const streaming = runNode(definition, params, [values], { start, streaming: true });
        return batch.every((column, c) => Object.is(column.join(), streaming[c].join()));
      },
    ),
    { numRuns: 200 },
  );
}

/**
 * Expects that cutting the data at any bar leaves the outputs before it unchanged: the output at
 * bar t never depends on bars after t (no look-ahead), checked at a spread of cut points.
 */
export function expectNoLookAhead(
  definition: NodeDefinition,
  params: Record<string, unknown>,
  inputs: readonly Float64Array[],
  cuts = 12,
): void {
  const full = runNode(definition, params, inputs);
  const length = inputs[0].length;
  for (let k = 1; k <= cuts; k++) {
    const cut = Math.max(1, Math.floor((k * length) / (cuts + 1)));
    const partial = runNode(
      definition,
      params,
      inputs.map((column) => column.slice(0, cut)),
    );
    partial.forEach((column, c) => {
      expect(
        Array.from(column),
        `${definition.type} column ${c} up to bar ${cut} must not change with later bars`,
      ).toEqual(Array.from(full[c].subarray(0, cut)));
    });
  }
}
