import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (users' broker and data API keys): AES-256-GCM with a fresh random 12-byte IV per
 * secret. The stored text is `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts): the version
 * lets the format change later, the key id tells "encrypted with another key" from "altered".
 * `context` (e.g. the owner and venue) is bound as associated data, so a ciphertext copied to
 * another row does not decrypt there.
 */
const VERSION = "v1";
const IV_BYTES = 12;

export class SecretError extends Error {}

export interface SecretBox {
  /** A short fingerprint of the key, safe to show and log. */
  readonly keyId: string;
  encrypt(plaintext: string, context?: string): string;
  /** Throws SecretError with a sentence when the text was altered or sealed with another key. */
  decrypt(sealed: string, context?: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) {
    throw new SecretError(`The encryption key must be 32 bytes; this one has ${key.length}.`);
  }
  const keyId = createHash("sha256").update(key).digest("base64url").slice(0, 8);
  return {
    keyId,
    encrypt(plaintext, context = "") {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, keyId, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    decrypt(sealed, context = "") {
      const parts = sealed.split(".");
      if (parts[0] !== VERSION || parts.length !== 5) {
        throw new SecretError(
          `This stored secret is not in a format Strata knows (expected ${VERSION}); enter the key again.`,
        );
      }
      const [, sealedKeyId, iv, tag, body] = parts;
      if (sealedKeyId !== keyId) {
        throw new SecretError(
          `This secret was encrypted with another key (${sealedKeyId}, not the current ${keyId}); restore that STRATA_ENCRYPTION_KEY or enter the API key again.`,
        );
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new SecretError(
          "This stored secret has been altered or belongs to another record, so it cannot be decrypted; enter the API key again.",
        );
      }
    },
  };
}
