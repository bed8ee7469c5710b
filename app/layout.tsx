import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { AppShell } from "@/app/_components/app-shell";
import { themeScript } from "@/app/_components/theme-toggle";
import { Providers } from "@/app/_lib/trpc";

export const metadata: Metadata = {
  title: { default: "Strata", template: "%s · Strata" },
  description:
    "Draw trading strategies as node graphs, backtest them instantly, paper trade from the canvas.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, not user input */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="font-sans antialiased">
        <Providers>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
