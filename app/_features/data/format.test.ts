import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCount, formatRange, nameFromFile, splitParts } from "./format";

describe("Data page formatting", () => {
  it("splits a file into parts that join back to it, none longer than asked", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 1, max: 64 }), (text, size) => {
        const parts = splitParts(text, size);
        expect(parts.join(""), "no character lost or doubled").toBe(text);
        expect(parts.every((p) => p.length <= size)).toBe(true);
        expect(parts.length, "as few parts as the size allows").toBe(
          Math.max(1, Math.ceil(text.length / size)),
        );
      }),
    );
  });

  it("writes ranges in UTC, as dates for daily bars and minutes for intraday ones", () => {
    const first = Date.UTC(2006, 0, 2);
    const last = Date.UTC(2006, 11, 29, 15, 35);
    expect(formatRange(first, last, "1d")).toBe("2006-01-02 → 2006-12-29");
    expect(formatRange(first, last, "5m")).toBe("2006-01-02 00:00 → 2006-12-29 15:35");
    expect(formatRange(null, null, "1h")).toBe("No bars yet");
  });

  it("names counts and datasets the way people read them", () => {
    expect(formatCount(1, "bar")).toBe("1 bar");
    expect(formatCount(12000, "bar")).toBe("12,000 bars");
    expect(nameFromFile("C:\\prices\\2006-day-001.csv")).toBe("2006-day-001");
    expect(nameFromFile("btc.1h.csv")).toBe("btc.1h");
  });
});
