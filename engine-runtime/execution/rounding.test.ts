import { describe, expect, test } from "vitest";
import { ceilToTick, decimalsOf, floorToLot, floorToTick, roundMoney, roundToTick } from "./rounding";

describe("rounding", () => {
  test("counts the decimals of a step", () => {
    expect([decimalsOf(0.01), decimalsOf(0.25), decimalsOf(5), decimalsOf(1e-8)]).toEqual([2, 2, 0, 8]);
  });

  test("rounds prices to the nearest tick despite representation error", () => {
    expect(roundToTick(1.005, 0.01), "1.005 / 0.01 is 100.49999999999999 in floats").toBe(1.01);
    expect(roundToTick(0.1 + 0.2, 0.1), "0.30000000000000004 is written back as 0.3").toBe(0.3);
    expect(roundToTick(100.126, 0.25), "the nearest quarter").toBe(100.25);
    expect(roundToTick(100.12, 0.25)).toBe(100.0);
    expect(roundToTick(123.456, 0), "no tick leaves the price alone").toBe(123.456);
  });

  test("rounds against the trader when asked", () => {
    expect(ceilToTick(100.101, 0.01)).toBe(100.11);
    expect(floorToTick(99.899, 0.01)).toBe(99.89);
    expect(ceilToTick(100.1, 0.01), "an exact tick stays").toBe(100.1);
  });

  test("rounds quantities down to whole lots", () => {
    expect(floorToLot(7.9, 1)).toBe(7);
    expect(floorToLot(0.3, 0.1), "0.3 / 0.1 is 2.9999999999999996 in floats").toBe(0.3);
    expect(floorToLot(149, 100)).toBe(100);
    expect(floorToLot(-3, 1), "no negative sizes").toBe(0);
    expect(floorToLot(Number.NaN, 1)).toBe(0);
  });

  test("rounds money to cents", () => {
    expect(roundMoney(2.675, 0.01), "2.675 × 100 is 267.49999999999997 in floats").toBe(2.68);
    expect(roundMoney(10000 - 1020 - 2.12, 0.01)).toBe(8977.88);
  });
});
