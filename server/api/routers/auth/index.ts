import { createTRPCRouter, protectedProcedure, publicProcedure, rateLimited } from "@/server/api/trpc";
import { signIn, signOut, signUp } from "./auth.handler";
import { signInInput, signUpInput } from "./auth.schema";

/** Ten attempts a minute per address is plenty for people and too few for guessing passwords. */
const authLimit = (name: string) => rateLimited(`auth.${name}`, 10, 60_000);

export const authRouter = createTRPCRouter({
  me: publicProcedure.query(({ ctx }) => ctx.user),
  signUp: publicProcedure
    .use(authLimit("signUp"))
    .input(signUpInput)
    .mutation(({ ctx, input }) => signUp(ctx, input)),
  signIn: publicProcedure
    .use(authLimit("signIn"))
    .input(signInInput)
    .mutation(({ ctx, input }) => signIn(ctx, input)),
  signOut: protectedProcedure.mutation(({ ctx }) => signOut(ctx)),
});
