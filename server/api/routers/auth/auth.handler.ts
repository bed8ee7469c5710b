import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Context } from "@/server/api/trpc";
import { decoyHash, hashPassword, verifyPassword } from "@/server/auth/password";
import { passwordWeakness } from "@/server/auth/password-policy";
import { clearedSessionCookie, createSession, deleteSession, sessionCookie } from "@/server/auth/session";
import type { signInInput, signUpInput } from "./auth.schema";

/** One message for unknown email and wrong password, so the answer reveals no accounts. */
const WRONG_CREDENTIALS = "The email or password is incorrect.";

export async function signUp(ctx: Context, input: z.output<typeof signUpInput>) {
  const weakness = passwordWeakness(input.password, input.email);
  if (weakness) throw new TRPCError({ code: "BAD_REQUEST", message: weakness });
  const passwordHash = await hashPassword(input.password);
  const existing = await ctx.services.db.prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) {
    throw new TRPCError({
      code: "CONFLICT",
      message: "An account with this email already exists. Sign in instead.",
    });
  }
  const user = await ctx.services.db.prisma.user.create({
    data: { email: input.email, passwordHash, name: input.name || null },
    select: { id: true, email: true, name: true },
  });
  await startSession(ctx, user.id);
  ctx.log.info({ userId: user.id }, "user signed up");
  return user;
}

export async function signIn(ctx: Context, input: z.output<typeof signInInput>) {
  const user = await ctx.services.db.prisma.user.findUnique({ where: { email: input.email } });
  // Verify against a decoy when the email is unknown, so both failures take the same time.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid) throw new TRPCError({ code: "UNAUTHORIZED", message: WRONG_CREDENTIALS });
  await startSession(ctx, user.id);
  return { id: user.id, email: user.email, name: user.name };
}

export async function signOut(ctx: Context) {
  await deleteSession(ctx.services.db, ctx.sessionToken);
  ctx.res.appendHeader("Set-Cookie", clearedSessionCookie(ctx.secure));
  return { signedOut: true };
}

async function startSession(ctx: Context, userId: string) {
  const { token, expiresAt } = await createSession(ctx.services.db, userId);
  ctx.res.appendHeader("Set-Cookie", sessionCookie(token, expiresAt, ctx.secure));
}
