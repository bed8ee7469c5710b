import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { syntheticBars } from "@/engine-runtime/data/synthetic";
import { FeedRecorder } from "../core/testing/recorder";
import { createReplayConnector } from "./connector";

const MINUTE = 60_000;
const start = Date.UTC(2024, 2, 1);
const datasets = {
  AAA: syntheticBars({ count: 12, startTime: start, intervalMs: MINUTE, seed: 1 }),
  BBB: syntheticBars({ count: 12, startTime: start + 30_000, intervalMs: MINUTE, seed: 2 }),
};
const source = (symbol: string) => datasets[symbol as keyof typeof datasets];

describe("Replay connector", () => {
  it("plays stored bars in time order at N× speed, taking at least the scaled market time", async () => {
    const speed = 2_000; // one minute of market time in 30 ms
    const feed = createReplayConnector({ source, speed }).subscribe(["AAA", "BBB"], "1m");
    const startedAt = performance.now();
    const recorder = new FeedRecorder(feed);
    await recorder.done;
    const elapsed = performance.now() - startedAt;
    const bars = recorder.bars();
    expect(bars.length, "every bar of both symbols").toBe(24);
    const times = bars.map((bar) => bar.time);
    expect(times, "interleaved by market time").toEqual([...times].sort((a, b) => a - b));
    expect(bars.filter((bar) => bar.symbol === "AAA").map((bar) => bar.close)).toEqual(
      Array.from(datasets.AAA.close),
    );
    const span = times[times.length - 1] - times[0];
    // Timers may fire up to a millisecond early on Node; the tolerance is that, not a share of the span.
    expect(
      elapsed,
      `${span} ms of market time at ${speed}× takes at least ${span / speed} ms`,
    ).toBeGreaterThanOrEqual(span / speed - 1);
    expect(recorder.statuses()).toEqual(["connecting", "live", "down"]);
  });

  it("serves history from the same dataset, sliced to [from, to)", async () => {
    const replay = createReplayConnector({ source, speed: 1 });
    const bars = await replay.history("AAA", "1m", start + 2 * MINUTE, start + 5 * MINUTE);
    expect(Array.from(bars.time)).toEqual([2, 3, 4].map((m) => start + m * MINUTE));
  });

  it("starts from a market time and stops when closed", async () => {
    const feed = createReplayConnector({ source, speed: 60, from: start + 10 * MINUTE }).subscribe(
      ["AAA"],
      "1m",
    );
    const recorder = new FeedRecorder(feed);
    await recorder.until((r) => r.bars().length === 1, "the first bar, delivered at once");
    await feed.close();
    await recorder.done;
    expect(
      recorder.bars().map((bar) => bar.time),
      "bar 11 is a second away at 60×: never delivered",
    ).toEqual([start + 10 * MINUTE]);
    expect(recorder.statuses().at(-1)).toBe("down");
  });

  it("refuses a speed that is not a positive number", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.double({ max: 0 }), fc.constant(Number.NaN), fc.constant(Infinity)),
        (speed) => {
          expect(() => createReplayConnector({ source, speed })).toThrow(
            /Replay speed must be a positive number/,
          );
        },
      ),
    );
  });
});
