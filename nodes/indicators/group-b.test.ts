import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsOf } from "@/nodes/core/ports";
import { runNode } from "@/nodes/testing/run-node";
import { groupB } from "./group-b";

/** Random OHLCV bars: a walk of closes, highs above and lows below both open and close; a third without volume. */
const barsArbitrary = fc
  .array(fc.tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.nat(1000), fc.nat(1000)), {
    minLength: 1,
    maxLength: 160,
  })
  .map((steps) => {
    const n = steps.length;
    const columns = Array.from({ length: 6 }, () => new Float64Array(n));
    let close = 100;
    steps.forEach(([change, spread, volume], i) => {
      const open = close;
      close = open * (1 + change);
      columns[0][i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
      columns[1][i] = open;
      columns[2][i] = Math.max(open, close) + spread / 100;
      columns[3][i] = Math.min(open, close) - spread / 200;
      columns[4][i] = close;
      columns[5][i] = volume % 3 === 0 ? 0 : volume;
    });
    return columns;
  });

const firstValue = (column: Float64Array) => column.findIndex((value) => !Number.isNaN(value));

describe("indicator group B", () => {
  it("lists each node once, sorted by type", () => {
    const types = groupB.map((node) => node.type);
    expect(types, "the registry is an explicit sorted list").toEqual([...types].sort());
    expect(new Set(types).size, "no type twice").toBe(types.length);
  });

  it("names its reference on every node", () => {
    const unnamed = groupB.filter((node) => !node.reference).map((node) => node.type);
    expect(unnamed, "each indicator says where its values were checked").toEqual([]);
  });

  it.each(groupB.map((node) => [node.type, node] as const))(
    "%s gives the batch result whatever chunks the bars arrive in, warm exactly after its warm-up",
    (_type, node) => {
      fc.assert(
        fc.property(barsArbitrary, fc.array(fc.nat(), { maxLength: 6 }), fc.nat(5), (bars, cuts, start) => {
          // Series inputs read the close column; bars inputs take all six.
          const inputs = node.inputs.flatMap((port) => (columnsOf(port.type) === 6 ? bars : [bars[4]]));
          const n = bars[0].length;
          const batch = runNode(node, {}, inputs, { start });
          const params = node.params.parse({});
          const outputs = batch.map(() => new Float64Array(n));
          const instance = node.kernel!(params, { start });
          const bounds = [...new Set([0, ...cuts.map((c) => c % (n + 1)), n])].sort((a, b) => a - b);
          for (let b = 1; b < bounds.length; b++) instance.run(inputs, outputs, bounds[b - 1], bounds[b]);
          batch.forEach((column, o) => {
            expect(outputs[o], `${node.type} output ${node.outputs[o].name} in chunks ${bounds}`).toEqual(
              column,
            );
          });
          // Warm-up is when every output holds a value; ADX's +DI and −DI (TA-Lib's PLUS_DI and MINUS_DI)
          // may start sooner, so the check is on the last output to warm up, and on nothing after it.
          const warm = start + node.warmup(params as never);
          if (warm >= n) {
            for (const column of batch)
              expect(firstValue(column), `${node.type}: not warm within ${n} bars`).toBe(-1);
            return;
          }
          const firsts = batch.map(firstValue);
          expect(Math.max(...firsts), `${node.type}: the last output warms at start + warm-up`).toBe(warm);
          for (const [o, column] of batch.entries()) {
            const gap = column.subarray(warm).findIndex(Number.isNaN);
            expect(gap, `${node.type} ${node.outputs[o].name}: no NaN once warm`).toBe(-1);
            expect(
              firsts[o],
              `${node.type} ${node.outputs[o].name}: nothing before start`,
            ).toBeGreaterThanOrEqual(start);
          }
        }),
        { numRuns: 60 },
      );
    },
  );
});
