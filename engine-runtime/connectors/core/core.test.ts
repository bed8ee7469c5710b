import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff";
import { barsToColumns } from "./columns";
import { retryAfterMs } from "./http";
import { maskSecret } from "./log";

describe("Backoff", () => {
  it("keeps every wait within [ceiling/2, ceiling) of a doubling, capped ceiling", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (initialMs, maxMs, draws) => {
          let i = 0;
          const backoff = new Backoff({ initialMs, maxMs, random: () => draws[i] });
          for (i = 0; i < draws.length; i++) {
            const ceiling = Math.min(maxMs, initialMs * 2 ** i);
            const wait = backoff.next();
            expect(wait, "never below half the ceiling: no hammering").toBeGreaterThanOrEqual(ceiling / 2);
            expect(wait, "never above the ceiling").toBeLessThanOrEqual(ceiling);
          }
        },
      ),
    );
  });

  it("spreads clients that failed together (jitter) and starts over after reset", () => {
    const a = new Backoff({ initialMs: 1000, maxMs: 60_000, random: () => 0.1 });
    const b = new Backoff({ initialMs: 1000, maxMs: 60_000, random: () => 0.9 });
    expect([a.next(), a.next()], "half the ceiling plus a tenth of the other half").toEqual([550, 1100]);
    expect([b.next(), b.next()], "different draws, different waits").toEqual([950, 1900]);
    a.reset();
    expect(a.next(), "a success resets the ceiling").toBe(550);
  });
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2024, 2, 1, 12, 0, 0);
  it("reads seconds, HTTP dates and Alpaca's X-RateLimit-Reset", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "3" }), now), "delta-seconds").toBe(3000);
    expect(
      retryAfterMs(new Headers({ "retry-after": "Fri, 01 Mar 2024 12:00:05 GMT" }), now),
      "HTTP date",
    ).toBe(5000);
    expect(
      retryAfterMs(new Headers({ "x-ratelimit-reset": String(now / 1000 + 2) }), now),
      "epoch seconds",
    ).toBe(2000);
    expect(retryAfterMs(new Headers(), now), "no header: the backoff decides").toBe(0);
  });
});

describe("barsToColumns", () => {
  it("sorts, keeps one bar per time and clips to [from, to)", () => {
    const bar = (time: number, close: number) => ({
      time,
      open: close,
      high: close,
      low: close,
      close,
      volume: 1,
    });
    const columns = barsToColumns([bar(3, 30), bar(1, 10), bar(2, 20), bar(2, 21), bar(4, 40)], 1, 4);
    expect(Array.from(columns.time)).toEqual([1, 2, 3]);
    expect(Array.from(columns.close), "the later copy of time 2 wins").toEqual([10, 21, 30]);
  });
});

describe("maskSecret", () => {
  it("shows only the ends of a key", () => {
    expect(maskSecret("PKX4ZQ9HA7B2C3D4E5F6")).toBe("PK****F6");
    expect(maskSecret("short"), "short secrets are hidden entirely").toBe("****");
  });
});
