import { TRPCError } from "@trpc/server";
import type { Context } from "@/server/api/trpc";
import { marketplaceReady } from "@/server/marketplace/setup";

/** The same answer for an unpublished template and for none at all, so ids reveal nothing. */
export const TEMPLATE_NOT_FOUND = "This template does not exist or is not published.";
export const templateNotFound = () => new TRPCError({ code: "NOT_FOUND", message: TEMPLATE_NOT_FOUND });

/** Who may see a template: everyone when it is published, only its author when it is not. */
export function visibleTo(ctx: Context, id: string) {
  return ctx.user ? { id, OR: [{ published: true }, { authorId: ctx.user.id }] } : { id, published: true };
}

/** Waits for start-up seeding; a failure there is a server fault, reported without details. */
export async function ready(ctx: Context): Promise<void> {
  try {
    await marketplaceReady(ctx.services.db);
  } catch {
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "The marketplace could not be prepared at start-up; see the server log.",
    });
  }
}

/** How an author is shown: their name, never their email. */
export const authorName = (author: { name: string | null }) => author.name ?? "A Strata trader";
