import type { Database } from "@/server/db/client";
import type { SecretBox } from "@/server/security/secrets";

/** Venues whose data needs the user's own key, and what each key is made of. */
export const KEYED_VENUES = ["alpaca"] as const;
export type KeyedVenue = (typeof KEYED_VENUES)[number];

export interface ApiKey {
  keyId: string;
  secretKey: string;
}

/** What the browser may see of a stored key: never the key itself. */
export interface CredentialView {
  id: string;
  venue: string;
  label: string;
  last4: string;
  createdAt: Date;
}

/**
 * Users' API keys, encrypted at rest. The ciphertext is bound to its owner and venue, so a row
 * copied to another user or venue does not decrypt.
 */
export class CredentialVault {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
  ) {}

  async list(ownerId: string): Promise<CredentialView[]> {
    return this.db.prisma.credential.findMany({
      where: { ownerId },
      orderBy: { createdAt: "desc" },
      select: { id: true, venue: true, label: true, last4: true, createdAt: true },
    });
  }

  async add(ownerId: string, venue: KeyedVenue, label: string, key: ApiKey): Promise<CredentialView> {
    return this.db.prisma.credential.create({
      data: {
        ownerId,
        venue,
        label,
        ciphertext: this.box.encrypt(JSON.stringify(key), context(ownerId, venue)),
        last4: key.keyId.slice(-4),
      },
      select: { id: true, venue: true, label: true, last4: true, createdAt: true },
    });
  }

  /** False when the key does not exist or belongs to someone else. */
  async remove(ownerId: string, id: string): Promise<boolean> {
    const { count } = await this.db.prisma.credential.deleteMany({ where: { id, ownerId } });
    return count > 0;
  }

  /** The owner's newest key for a venue, decrypted for a connector; null when they have none. */
  async reveal(ownerId: string, venue: KeyedVenue): Promise<ApiKey | null> {
    const row = await this.db.prisma.credential.findFirst({
      where: { ownerId, venue },
      orderBy: { createdAt: "desc" },
      select: { ciphertext: true },
    });
    return row ? (JSON.parse(this.box.decrypt(row.ciphertext, context(ownerId, venue))) as ApiKey) : null;
  }
}

const context = (ownerId: string, venue: string) => `credential:${ownerId}:${venue}`;
