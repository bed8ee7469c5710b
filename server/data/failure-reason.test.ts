import { describe, expect, it } from "vitest";
import { failureReason } from "./service";

describe("failureReason", () => {
  it("says what a network error means and what to do, for errors and the errors fetch wraps", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND api.binance.com"), { code: "ENOTFOUND" });
    expect(failureReason(dns, "Binance"), "a name that does not resolve").toBe(
      "Binance could not be found on the network. Check this computer's internet connection, then add the symbol again to retry.",
    );
    const wrapped = new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    expect(failureReason(wrapped, "Alpaca"), "fetch's cause is read").toMatch(
      /^Alpaca refused the connection\./,
    );
  });

  it("keeps the venue's own message when it is not a network error", () => {
    expect(failureReason(new Error("Binance does not know the symbol NOPE."), "Binance")).toBe(
      "Binance does not know the symbol NOPE.",
    );
  });
});
