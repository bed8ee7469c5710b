"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { buttonVariants } from "@/app/_components/ui/button";
import { StrategyEditor } from "@/app/_features/canvas/editor";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { Graph } from "@/nodes/core/graph";

/** The editor of one strategy. It loads the head version once; from then on the canvas owns the graph. */
export default function StrategyEditorPage() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const strategy = useQuery({
    ...trpc.strategies.get.queryOptions({ id }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  if (strategy.isPending) {
    return (
      <div
        className="fixed inset-x-0 top-14 bottom-0 z-10 flex items-center justify-center bg-background"
        role="status"
      >
        <span className="flex items-center gap-2 text-sm text-muted-foreground">
          <span className="size-4 animate-spin rounded-full border-2 border-primary border-t-transparent" />
          Opening the strategy…
        </span>
      </div>
    );
  }
  if (strategy.error) {
    const code = (strategy.error as { data?: { code?: string } }).data?.code;
    return (
      <div className="mx-auto max-w-md space-y-4 py-16 text-center">
        <h1 className="text-xl font-semibold">
          {code === "UNAUTHORIZED" ? "Sign in to open this strategy" : "This strategy cannot be opened"}
        </h1>
        <p className="text-sm text-muted-foreground">{errorMessage(strategy.error)}</p>
        <Link
          className={buttonVariants({ variant: "outline" })}
          href={code === "UNAUTHORIZED" ? "/sign-in" : "/strategies"}
        >
          {code === "UNAUTHORIZED" ? "Sign in" : "Back to my strategies"}
        </Link>
      </div>
    );
  }
  const { name, headVersion, graph } = strategy.data;
  return <StrategyEditor key={id} strategy={{ id, name, headVersion, graph: graph as Graph }} />;
}
