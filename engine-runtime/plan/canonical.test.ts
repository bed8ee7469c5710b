import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, planJson } from "./canonical";
import type { Plan } from "./schema";
import { portableSha256Hex, sha256Hex, sha256HexOfText } from "./sha256";

describe("sha256Hex", () => {
  it("gives the FIPS 180-4 digests of the published examples, portably and through the host", () => {
    const examples: [string, string][] = [
      ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
      ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
      [
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
      ],
    ];
    for (const [text, digest] of examples) {
      const bytes = new TextEncoder().encode(text);
      expect(portableSha256Hex(bytes), `FIPS 180-4 example "${text}", portable`).toBe(digest);
      expect(sha256Hex(bytes), `FIPS 180-4 example "${text}"`).toBe(digest);
      expect(sha256HexOfText(text), `FIPS 180-4 example "${text}" from text`).toBe(digest);
    }
  });

  it("agrees with node:crypto on any bytes, across block boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const expected = createHash("sha256").update(bytes).digest("hex");
        expect(portableSha256Hex(bytes), `portable digest of ${bytes.length} bytes`).toBe(expected);
        expect(sha256Hex(bytes), `digest of ${bytes.length} bytes`).toBe(expected);
      }),
      { numRuns: 300 },
    );
    const large = Uint8Array.from({ length: 1_000_003 }, (_, i) => (i * 131 + (i >> 7)) & 255);
    expect(portableSha256Hex(large), "a megabyte, many blocks and a partial one").toBe(
      createHash("sha256").update(large).digest("hex"),
    );
  });

  it("hashes text as its UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (text) => {
        const expected = createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
        expect(sha256HexOfText(text), `digest of ${JSON.stringify(text)}`).toBe(expected);
        expect(portableSha256Hex(new TextEncoder().encode(text)), "portable, after TextEncoder").toBe(
          expected,
        );
      }),
      { numRuns: 200 },
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

describe("planJson", () => {
  // Ops beyond ASCII (and ASCII's last character) take the plan writer's other paths.
  const ops = ["indicators.sma", "math.add", "math.añadir", "x\u007f\u00ff", "📈.op"];
  const step = (k: number) => ({
    op: ops[k % ops.length],
    opVersion: 1 + (k % 3),
    params: { period: k, label: k % 5 ? "x" : "é" },
    inputs: [k, 2 ** 31 + k],
    outputs: [k + 1],
    start: k,
    ready: k * 10,
  });

  it("writes the generic canonical bytes for any labels, numbers and sizes", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: "grapheme", maxLength: 12 }),
            fc.constantFrom(
              'a"quote',
              "back\\slash",
              "tab\tlabel",
              "\u007f",
              "\u2028",
              "Entrée",
              "📈 signal",
            ),
          ),
          { maxLength: 30 },
        ),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 10 }),
        fc.integer({ min: 0, max: 3000 }),
        (labels, values, steps) => {
          const plan: Plan = {
            format: "strata.plan",
            version: 1,
            feeds: [{ symbol: labels[0] ?? "", timeframe: "1h" }],
            slotCount: 7,
            constants: values.map((value, slot) => ({ slot, value })),
            steps: Array.from({ length: steps }, (_, k) => step(k)),
            orders: [],
            plots: labels.map((label, slot) => ({
              slot,
              label,
              pane: slot % 2 ? "pane" : "price",
              kind: slot % 3 ? "line" : "signal",
            })),
            warmup: 3,
          };
          expect(planJson(plan), "the plan writer's bytes are canonicalJson's").toBe(canonicalJson(plan));
        },
      ),
      { numRuns: 60 },
    );
  });
});
