import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";
import { sha256Hex } from "./sha256";

describe("sha256Hex", () => {
  it("gives the FIPS 180-4 digests of the published examples", () => {
    const hex = (text: string) => sha256Hex(new TextEncoder().encode(text));
    expect(hex("abc"), "FIPS 180-4 example 'abc'").toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(hex(""), "the empty message").toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("agrees with node:crypto on any bytes, across block boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const expected = createHash("sha256").update(bytes).digest("hex");
        expect(sha256Hex(bytes), `digest of ${bytes.length} bytes`).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("canonicalJson", () => {
  it("sorts keys, drops undefined, writes -0 as 0 and numbers in shortest round-trip form", () => {
    expect(
      canonicalJson({ b: [1, -0, 0.1, 1e21, 1.5e-7], a: "x", c: undefined, d: { z: true, y: null } }),
    ).toBe('{"a":"x","b":[1,0,0.1,1e+21,1.5e-7],"d":{"y":null,"z":true}}');
  });

  it("has no form for NaN or infinities, which no plan may hold", () => {
    expect(() => canonicalJson({ x: Number.NaN }), "NaN is not JSON").toThrow(/NaN/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY]), "Infinity is not JSON").toThrow(/Infinity/);
  });

  it("parses back to the same value and does not depend on key insertion order", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3, noUnicodeString: false }), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text)), "a fixed point").toBe(text);
        const reversed = JSON.parse(text, (_key, v) =>
          v && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(reversed), "key order does not matter").toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});
