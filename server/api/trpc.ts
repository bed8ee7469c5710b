import type { IncomingMessage, ServerResponse } from "node:http";
import { initTRPC, TRPCError } from "@trpc/server";
import type { Logger } from "pino";
import superjson from "superjson";
import { ZodError } from "zod";
import { findSessionUser, readCookie, SESSION_COOKIE, type SessionUser } from "@/server/auth/session";
import type { Services } from "@/server/services";
import { inputProblems } from "./input-problems";

/** What every procedure can see about the request it serves. */
export interface Context {
  services: Services;
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  log: Logger;
  /** The client's address (X-Forwarded-For only when TRUST_PROXY is set). */
  ip: string;
  /** The request arrived over HTTPS, so cookies must be Secure. */
  secure: boolean;
  user: SessionUser | null;
  sessionToken: string | undefined;
}

export async function createContext(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  log: Logger,
): Promise<Context> {
  const trustProxy = services.env.TRUST_PROXY;
  const forwardedFor = trustProxy
    ? String(req.headers["x-forwarded-for"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  const secure = trustProxy ? req.headers["x-forwarded-proto"] === "https" : "encrypted" in req.socket;
  const sessionToken = readCookie(req, SESSION_COOKIE);
  const user = await findSessionUser(services.db, sessionToken);
  return {
    services,
    req,
    res,
    requestId,
    log,
    ip: forwardedFor || req.socket.remoteAddress || "unknown",
    secure,
    user,
    sessionToken,
  };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Clients get the message and, for invalid input, the problems by field; never a stack trace.
  // The message keeps the field paths for callers that show only it (API clients, older forms).
  errorFormatter({ shape, error }) {
    const invalidInput = error.cause instanceof ZodError ? error.cause : undefined;
    const message = invalidInput
      ? invalidInput.issues
          .map((issue) =>
            issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
          )
          .join("; ")
      : error.cause instanceof SyntaxError
        ? "The request body is not valid JSON."
        : error.code === "INTERNAL_SERVER_ERROR"
          ? "Something went wrong on our side. Please try again."
          : shape.message;
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        ...(invalidInput ? inputProblems(invalidInput) : {}),
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** A procedure for signed-in users; `ctx.user` is non-null inside. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * Limits how often one client may call a procedure: `limit` calls per `windowMs`, keyed by
 * procedure and signed-in user, else client address (Redis when configured, so the limit holds
 * across instances).
 */
export function rateLimited(name: string, limit: number, windowMs: number) {
  return t.middleware(async ({ ctx, next }) => {
    const decision = await ctx.services.rateLimiter.hit(`${name}:${ctx.user?.id ?? ctx.ip}`, limit, windowMs);
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Too many attempts. Please wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
      });
    }
    return next();
  });
}
