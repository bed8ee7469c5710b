"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { findStarter } from "@/engine-runtime/starters";
import { GraphThumbnail } from "./graph-thumbnail";

export interface StarterChoice {
  id: string;
  name: string;
}

/** Ready-made strategies to start from, each with a picture of its graph. */
export function StarterGallery({ onPick }: { onPick: (starter: StarterChoice) => void }) {
  const trpc = useTRPC();
  const starters = useQuery(trpc.strategies.starters.queryOptions());

  return (
    <section aria-labelledby="starters-heading" className="space-y-4">
      <div>
        <h2 id="starters-heading" className="text-lg font-semibold tracking-tight">
          Start from a template
        </h2>
        <p className="text-sm text-muted-foreground">
          Classic strategies, ready to run. Make one yours, then change any period, rule or order.
        </p>
      </div>
      {starters.error && <Alert>{errorMessage(starters.error)}</Alert>}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy={starters.isPending}>
        {starters.isPending &&
          [0, 1, 2].map((i) => (
            <li key={i}>
              <Card className="space-y-3 p-4">
                <Skeleton className="h-32 w-full" />
                <Skeleton className="h-5 w-1/2" />
                <Skeleton className="h-4 w-full" />
              </Card>
            </li>
          ))}
        {starters.data?.map((starter) => {
          const graph = findStarter(starter.id)?.graph;
          return (
            <li key={starter.id}>
              <Card className="flex h-full flex-col overflow-hidden" data-testid={`starter-${starter.id}`}>
                <div className="border-b border-border bg-muted/50 px-3 py-2 text-muted-foreground">
                  {graph && <GraphThumbnail graph={graph} className="h-32 w-full" />}
                </div>
                <div className="flex flex-1 flex-col gap-2 p-4">
                  <h3 className="font-semibold">{starter.name}</h3>
                  <p className="flex-1 text-sm text-muted-foreground">{starter.description}</p>
                  <div className="flex flex-wrap gap-1.5">
                    {starter.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                  </div>
                  <Button
                    variant="outline"
                    size="sm"
                    className="mt-2 self-start"
                    onClick={() => onPick({ id: starter.id, name: starter.name })}
                    aria-label={`Use the ${starter.name} template`}
                  >
                    Use this template
                  </Button>
                </div>
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
