import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Database } from "@/server/db/client";

/**
 * Sessions: a random token lives in an httpOnly cookie; the database keeps only its SHA-256,
 * so a leaked database cannot be replayed as cookies.
 */
export const SESSION_COOKIE = "strata_session";
const SESSION_DAYS = 30;
/** Extending the expiry on every request would write on every request; once a day is enough. */
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Database,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  await db.prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** The user behind a session token, or null when the token is unknown or expired. */
export async function findSessionUser(db: Database, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const session = await db.prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await db.prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > REFRESH_AFTER_MS) {
    await db.prisma.session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_DAYS * 24 * 60 * 60 * 1000) },
    });
  }
  return session.user;
}

export async function deleteSession(db: Database, token: string | undefined): Promise<void> {
  if (token) await db.prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serializeCookie(token, `Expires=${expiresAt.toUTCString()}`, secure);
}

export function clearedSessionCookie(secure: boolean): string {
  return serializeCookie("", "Max-Age=0", secure);
}

function serializeCookie(value: string, lifetime: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    lifetime,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
