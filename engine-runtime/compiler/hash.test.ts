import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endHash, hashInteger, hashText, startHash, structuralHash } from "./hash";

describe("structuralHash fed piece by piece", () => {
  it("equals the hash of the concatenated text, integers hashed as their decimal digits", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.maxSafeNat(), fc.nat({ max: 1_000 })), { maxLength: 6 }),
        (pieces) => {
          startHash();
          for (const piece of pieces) {
            if (typeof piece === "number") hashInteger(piece);
            else hashText(piece);
          }
          expect(endHash(), `pieces ${JSON.stringify(pieces)}`).toBe(structuralHash(pieces.join("")));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("writes integers around the 10^8 split exactly", () => {
    for (const value of [0, 9, 99_999_999, 100_000_000, 100_000_001, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      startHash();
      hashInteger(value);
      expect(endHash(), `${value} hashes as "${value}"`).toBe(structuralHash(String(value)));
    }
  });
});
