import { describe, expect, it } from "vitest";
import { expectNoLookAhead, expectStreamingEqualsBatch } from "@/nodes/math/testing";
import { loadSample } from "@/nodes/testing/market";
import { runNode } from "@/nodes/testing/run-node";
import { markovRegime } from "./markovRegime.node.ts";

/** Prices whose bar-to-bar returns follow `pattern` over and over. */
function pricesFrom(pattern: number[], bars: number): Float64Array {
  const prices = new Float64Array(bars);
  prices[0] = 100;
  for (let i = 1; i < bars; i++) prices[i] = prices[i - 1] * (1 + pattern[(i - 1) % pattern.length]);
  return prices;
}

/** A plain re-implementation for comparison: sorts the window afresh on every bar. */
function reference(prices: Float64Array, states: number, window: number, i: number): number[] {
  const returns = Array.from({ length: window }, (_, m) => {
    const t = i - window + 1 + m;
    return prices[t] / prices[t - 1] - 1;
  });
  const sorted = [...returns].sort((a, b) => a - b);
  const cuts = Array.from({ length: states - 1 }, (_, j) => sorted[Math.floor(((j + 1) * window) / states)]);
  const bucket = (r: number) => cuts.filter((c) => r >= c).length;
  const path = returns.map(bucket);
  const counts = Array.from({ length: states }, () => new Array<number>(states).fill(0));
  for (let m = 1; m < window; m++) counts[path[m - 1]][path[m]]++;
  const row = counts[path[window - 1]];
  const best = row.indexOf(Math.max(...row));
  const total = row.reduce((a, b) => a + b, 0);
  return [path[window - 1], best, (row[best] + 1) / (total + states)];
}

describe("Markov Regime", () => {
  it("predicts the down bar after an up bar when they strictly alternate", () => {
    const prices = pricesFrom([0.02, -0.01], 41);
    const [state, next, probability] = runNode(markovRegime, { states: 2, window: 20 }, [prices]);
    // The return into bar i is +2% for odd i and −1% for even i. Bar 39's window holds the returns
    // into bars 20–39: 10 downs and 10 ups, oldest a down, newest an up. Ups fill the upper bucket
    // (state 1). Up→down happened 9 times, up→up never: P(down | up) = (9 + 1) / (9 + 0 + 2),
    // with Laplace smoothing.
    expect(state[39], "the last return (+2%) is in the upper bucket").toBe(1);
    expect(next[39], "after an up comes a down").toBe(0);
    expect(probability[39], "(9 + 1) / (9 + 2)").toBeCloseTo(10 / 11, 12);
    // Bar 40 ends on a down; its window starts with an up, so down→up happened 9 times.
    expect([state[40], next[40]], "after a down comes an up").toEqual([0, 1]);
    expect(probability[40], "(9 + 1) / (9 + 2) again").toBeCloseTo(10 / 11, 12);
  });

  it("follows a three-state cycle", () => {
    const prices = pricesFrom([-0.01, 0, 0.01], 200);
    const [state, next, probability] = runNode(markovRegime, { states: 3, window: 30 }, [prices]);
    for (let i = 30; i < 200; i++) {
      const expected = (i - 1) % 3; // the return into bar i is pattern[(i − 1) % 3]: −1%, 0, +1% → 0, 1, 2
      expect(state[i], `bar ${i} state`).toBe(expected);
      expect(next[i], `bar ${i}: the cycle goes on`).toBe((expected + 1) % 3);
      // 29 transitions in the window; the current state's row holds 9 or 10 of them, all to one state.
      expect(probability[i], `bar ${i}: nearly certain`).toBeGreaterThan(10 / 12 - 1e-12);
    }
    expect(state[29], "30 returns need 31 prices: bar 29 is still warming up").toBeNaN();
  });

  it("agrees with a plain re-implementation on real prices", () => {
    const { close } = loadSample("yhoo-1996-2014.csv");
    const [state, next, probability] = runNode(markovRegime, { states: 4, window: 60 }, [close]);
    for (let i = 60; i < close.length; i += 37) {
      const [s, n, p] = reference(close, 4, 60, i);
      expect([state[i], next[i]], `bar ${i} state and next state`).toEqual([s, n]);
      expect(probability[i], `bar ${i} probability`).toBeCloseTo(p, 12);
    }
  });

  it("is deterministic, never looks ahead and streams exactly like a batch run", () => {
    const { close } = loadSample("nvda-1999-2014.csv");
    const first = runNode(markovRegime, {}, [close]);
    const second = runNode(markovRegime, {}, [close]);
    expect(
      first.map((c) => Array.from(c)),
      "two runs give the same columns",
    ).toEqual(second.map((c) => Array.from(c)));
    expectStreamingEqualsBatch(markovRegime, { states: 3, window: 40 }, [close], 5);
    expectNoLookAhead(markovRegime, { states: 5, window: 50 }, [close]);
  });
});
