import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { passwordWeakness } from "./password-policy";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("scrypt$32768$8$1$"), "scrypt with its parameters is stored").toBe(true);
    expect(await verifyPassword("correct horse battery", hash), "the same password").toBe(true);
    expect(await verifyPassword("correct horse batterY", hash), "one letter differs").toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a, "two hashes of one password differ by their salt").not.toBe(b);
  });

  it("refuses malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "bcrypt$whatever"), "unknown scheme").toBe(false);
  });
});

describe("password policy", () => {
  it("explains what is wrong with a weak password", () => {
    expect(passwordWeakness("short", "a@b.co")).toBe(
      "Use at least 10 characters for your password (it has 5).",
    );
    expect(passwordWeakness("password123", "a@b.co")).toMatch(/too common/);
    expect(passwordWeakness("aaaaaaaaaaaa", "a@b.co")).toMatch(/too few/);
    expect(passwordWeakness("trader.jane.2026", "trader.jane@x.io")).toMatch(/email/);
  });

  it("accepts a long, unusual password", () => {
    expect(passwordWeakness("correct horse battery", "a@b.co"), "a passphrase is fine").toBeNull();
  });
});
