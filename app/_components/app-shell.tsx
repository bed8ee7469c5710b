"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ThemeToggle } from "@/app/_components/theme-toggle";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { cn } from "@/app/_lib/cn";
import { useTRPC } from "@/app/_lib/trpc";

const LINKS = [
  { href: "/strategies", label: "Strategies", signedIn: true },
  { href: "/data", label: "Data", signedIn: true },
  { href: "/paper", label: "Paper", signedIn: true },
  { href: "/marketplace", label: "Marketplace", signedIn: false },
  { href: "/nodes", label: "Node catalogue", signedIn: false },
] as const;

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
  const links = LINKS.filter((link) => me.data || !link.signedIn);
  const menu = useNarrowMenu();

  return (
    <div className="flex min-h-screen flex-col">
      <header
        ref={menu.header}
        className="sticky top-0 z-20 border-b border-border bg-background/90 backdrop-blur"
      >
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
          <Link
            href="/"
            className="flex items-center gap-2 font-semibold tracking-tight"
            aria-label="Strata home"
          >
            <Logo />
            Strata
          </Link>
          <nav className="hidden items-center gap-1 text-sm lg:flex" aria-label="Main">
            {links.map((link) => (
              <Link
                key={link.href}
                className={buttonVariants({ variant: "ghost", size: "sm" })}
                href={link.href}
              >
                {link.label}
              </Link>
            ))}
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
            <button
              ref={menu.button}
              type="button"
              className={cn(buttonVariants({ variant: "ghost", size: "sm" }), "px-2 lg:hidden")}
              aria-label="Menu"
              aria-expanded={menu.open}
              aria-controls={menu.id}
              onClick={menu.toggle}
            >
              <MenuIcon open={menu.open} />
            </button>
          </div>
        </div>
        {menu.open && (
          <nav ref={menu.panel} id={menu.id} className="border-t border-border lg:hidden" aria-label="Main">
            <ul className="mx-auto max-w-6xl px-4 py-2">
              {links.map((link) => (
                <li key={link.href}>
                  <Link
                    className={cn(buttonVariants({ variant: "ghost" }), "w-full justify-start")}
                    href={link.href}
                    onClick={menu.close}
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-10">{children}</main>
      <footer className="border-t border-border py-6 text-center text-xs text-muted-foreground">
        Strata · draw a strategy, see it trade.
      </footer>
    </div>
  );
}

/**
 * Below the lg breakpoint the navigation folds into a disclosure menu. Opening it moves focus to
 * the first link; Escape closes it and hands focus back to the button; leaving it (a click or
 * Tab elsewhere, or a new page) closes it.
 */
function useNarrowMenu() {
  // Open on one page only, so that any navigation, Back included, closes it.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const id = useId();
  const header = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector("a")?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    const leave = (event: Event) => {
      if (!header.current?.contains(event.target as Node)) setOpenOn(null);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", leave);
    document.addEventListener("focusin", leave);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", leave);
      document.removeEventListener("focusin", leave);
    };
  }, [open]);

  return { open, id, header, button, panel, toggle: () => setOpen(!open), close: () => setOpen(false) };
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      aria-hidden="true"
    >
      {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
    </svg>
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
