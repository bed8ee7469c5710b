import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEY_FILE, loadEncryptionKey } from "./encryption-key";
import { createSecretBox, SecretError } from "./secrets";

const box = createSecretBox(randomBytes(32));

/** Flips one bit of the base64url part `index` of a sealed secret. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index], "base64url");
  bytes[0] ^= 1;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secrets at rest", () => {
  it("decrypts what it encrypted, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), (secret, context) => {
        expect(box.decrypt(box.encrypt(secret, context), context), "a round trip gives the secret back").toBe(
          secret,
        );
      }),
    );
  });

  it("never repeats an IV, so equal secrets give different ciphertexts", () => {
    const a = box.encrypt("PKTEST1234");
    const b = box.encrypt("PKTEST1234");
    expect(a, "a random IV per secret").not.toBe(b);
    expect(a.split(".")[2], "the IV is 12 bytes").toHaveLength(16);
    expect(a.startsWith(`v1.${box.keyId}.`), "versioned and tagged with the key id").toBe(true);
    expect(a, "the plaintext does not show").not.toContain("PKTEST1234");
  });

  it("detects a changed IV, tag or ciphertext, and a ciphertext moved to another record", () => {
    const sealed = box.encrypt("secret-key-value", "owner-a:alpaca");
    for (const part of [2, 3, 4]) {
      expect(() => box.decrypt(tamper(sealed, part), "owner-a:alpaca"), `part ${part} altered`).toThrow(
        "This stored secret has been altered or belongs to another record, so it cannot be decrypted; enter the API key again.",
      );
    }
    expect(() => box.decrypt(sealed, "owner-b:alpaca"), "bound to its owner and venue").toThrow(SecretError);
  });

  it("says so when the secret was sealed with another key", () => {
    const other = createSecretBox(randomBytes(32));
    const sealed = other.encrypt("secret");
    expect(() => box.decrypt(sealed)).toThrow(
      `This secret was encrypted with another key (${other.keyId}, not the current ${box.keyId}); restore that STRATA_ENCRYPTION_KEY or enter the API key again.`,
    );
    // Same key id (forged) but a different key: the tag check still refuses it.
    const forged = sealed.replace(`.${other.keyId}.`, `.${box.keyId}.`);
    expect(() => box.decrypt(forged)).toThrow(/has been altered/);
  });

  it("refuses unknown formats and keys of the wrong size with sentences", () => {
    expect(() => box.decrypt("v0.abc")).toThrow(
      "This stored secret is not in a format Strata knows (expected v1); enter the key again.",
    );
    expect(() => createSecretBox(randomBytes(16))).toThrow(
      "The encryption key must be 32 bytes; this one has 16.",
    );
  });
});

describe("the encryption key", () => {
  it("uses STRATA_ENCRYPTION_KEY when set", async () => {
    const key = randomBytes(32);
    const loaded = await loadEncryptionKey({
      STRATA_ENCRYPTION_KEY: key.toString("base64"),
      STRATA_DATA_DIR: "memory://",
    });
    expect(loaded.source).toBe("environment");
    expect(loaded.key.equals(key), "the configured key is used as is").toBe(true);
  });

  it("creates a key file readable only by its owner on first start, and reuses it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "strata-key-"));
    try {
      const first = await loadEncryptionKey({ STRATA_DATA_DIR: dir });
      const file = path.join(dir, KEY_FILE);
      expect(first.source).toBe("file");
      expect((await stat(file)).mode & 0o777, "mode 0600: no one else may read it").toBe(0o600);
      expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64").equals(first.key)).toBe(true);
      const again = await loadEncryptionKey({ STRATA_DATA_DIR: dir });
      expect(again.key.equals(first.key), "a restart keeps the key, so stored secrets still decrypt").toBe(
        true,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps a random key in memory for an in-memory data folder", async () => {
    const a = await loadEncryptionKey({ STRATA_DATA_DIR: "memory://" });
    const b = await loadEncryptionKey({ STRATA_DATA_DIR: "memory://" });
    expect(a.source).toBe("memory");
    expect(a.key.equals(b.key), "each in-memory instance has its own key").toBe(false);
  });
});
