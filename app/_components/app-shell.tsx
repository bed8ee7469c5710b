"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/app/_components/theme-toggle";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_lib/trpc";

export function AppShell({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const me = useQuery(trpc.auth.me.queryOptions());
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        router.push("/");
      },
    }),
  );

  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-20 border-b border-border bg-background/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
          <Link
            href="/"
            className="flex items-center gap-2 font-semibold tracking-tight"
            aria-label="Strata home"
          >
            <Logo />
            Strata
          </Link>
          <nav className="flex items-center gap-1 text-sm" aria-label="Main">
            {me.data && (
              <Link className={buttonVariants({ variant: "ghost", size: "sm" })} href="/strategies">
                Strategies
              </Link>
            )}
            {me.data && (
              <Link className={buttonVariants({ variant: "ghost", size: "sm" })} href="/data">
                Data
              </Link>
            )}
            {me.data && (
              <Link className={buttonVariants({ variant: "ghost", size: "sm" })} href="/paper">
                Paper
              </Link>
            )}
            <Link className={buttonVariants({ variant: "ghost", size: "sm" })} href="/marketplace">
              Marketplace
            </Link>
            <Link className={buttonVariants({ variant: "ghost", size: "sm" })} href="/nodes">
              Node catalogue
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <ThemeToggle />
            {me.isPending ? (
              <span
                className="h-8 w-32 animate-pulse rounded-md bg-muted"
                role="status"
                aria-label="Loading your account"
              />
            ) : me.data ? (
              <>
                <span className="hidden text-sm text-muted-foreground sm:inline" data-testid="signed-in-as">
                  {me.data.email}
                </span>
                <Button
                  variant="outline"
                  size="sm"
                  onClick={() => signOut.mutate()}
                  disabled={signOut.isPending}
                >
                  {signOut.isPending ? "Signing out…" : "Sign out"}
                </Button>
              </>
            ) : (
              <>
                <Link className={buttonVariants({ variant: "ghost", size: "sm" })} href="/sign-in">
                  Sign in
                </Link>
                <Link className={buttonVariants({ size: "sm" })} href="/sign-up">
                  Sign up
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-10">{children}</main>
      <footer className="border-t border-border py-6 text-center text-xs text-muted-foreground">
        Strata · draw a strategy, see it trade.
      </footer>
    </div>
  );
}

function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="2" y="14" width="5" height="8" rx="1" fill="var(--primary)" opacity="0.5" />
      <rect x="9.5" y="8" width="5" height="14" rx="1" fill="var(--primary)" opacity="0.75" />
      <rect x="17" y="2" width="5" height="20" rx="1" fill="var(--primary)" />
    </svg>
  );
}
