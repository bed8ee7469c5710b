import { describe, expect, it } from "vitest";
import { equityAt, formatDecimal, formatQuantity, signOf, subtractDecimal } from "./money";

describe("formatDecimal", () => {
  it("groups thousands and pads cents", () => {
    expect(formatDecimal("10000"), "whole amounts show cents").toBe("10,000.00");
    expect(formatDecimal("1234567.5"), "one decimal is padded").toBe("1,234,567.50");
    expect(formatDecimal("0.1"), "a leading zero stays").toBe("0.10");
  });

  it("rounds half away from zero on the digits, beyond what a float holds", () => {
    expect(formatDecimal("0.125"), "0.125 is 0.12499… as a float but rounds up here").toBe("0.13");
    expect(formatDecimal("999.995"), "a carry runs through every digit").toBe("1,000.00");
    expect(formatDecimal("90071992547409931.01"), "beyond 2^53 no digit is lost").toBe(
      "90,071,992,547,409,931.01",
    );
  });

  it("signs losses with a minus and, when asked, gains with a plus", () => {
    expect(formatDecimal("-12.3456"), "a loss").toBe("−12.35");
    expect(formatDecimal("12.3", { signed: true }), "a signed gain").toBe("+12.30");
    expect(formatDecimal("-0.001", { signed: true }), "rounds to zero: no sign").toBe("0.00");
  });

  it("shows a dash for what is not a number", () => {
    expect(formatDecimal(null), "no value").toBe("–");
    expect(formatDecimal("abc"), "not a decimal").toBe("–");
  });
});

describe("signOf", () => {
  it("reads the sign from the text", () => {
    expect(signOf("-0.01"), "a loss").toBe(-1);
    expect(signOf("0.00"), "flat").toBe(0);
    expect(signOf("-0.00"), "negative zero is flat").toBe(0);
    expect(signOf("3"), "a gain").toBe(1);
  });
});

describe("subtractDecimal", () => {
  it("subtracts exactly where floats would not", () => {
    expect(subtractDecimal("10250.5", "10000"), "a gain keeps its decimals").toBe("250.5");
    expect(subtractDecimal("9999.99", "10000.00"), "a loss is negative").toBe("-0.01");
    expect(subtractDecimal("0.3", "0.1"), "0.3 − 0.1 is 0.19999… in floats").toBe("0.2");
    expect(subtractDecimal("x", "1"), "not a decimal").toBeNull();
  });
});

describe("equityAt", () => {
  it("adds the position at the last price to the cash, exactly", () => {
    expect(equityAt("8765.43210000", "10.00000000", 123.45), "8765.4321 + 10 × 123.45").toBe(
      "9999.9321000000",
    );
    expect(equityAt("100", "-3", 0.1), "a short position lowers equity; 0.1 stays 0.1").toBe("99.7");
    expect(equityAt("500.5", "0", null), "flat: equity is the cash, price or not").toBe("500.5");
    expect(equityAt("500", "2", null), "a position with no price has no value yet").toBeNull();
  });
});

describe("formatQuantity", () => {
  it("keeps only the decimals a quantity has", () => {
    expect(formatQuantity("10.00000000"), "whole units").toBe("10");
    expect(formatQuantity("-0.50000000"), "a half short").toBe("−0.5");
    expect(formatQuantity("1200"), "no decimal point at all").toBe("1,200");
  });
});
