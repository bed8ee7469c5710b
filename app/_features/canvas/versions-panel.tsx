"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

/** Every saved version of the strategy, newest first: name one to find it again, or restore it. */
export function VersionsPanel({
  strategyId,
  headVersion,
  onRestored,
  onClose,
}: {
  strategyId: string;
  headVersion: number;
  onRestored: () => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery({ ...trpc.strategies.versions.queryOptions({ id: strategyId }), staleTime: 0 });
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.strategies.versions.queryKey({ id: strategyId }) });
  const name = useMutation(trpc.strategies.nameVersion.mutationOptions({ onSuccess: invalidate }));
  const restore = useMutation(
    trpc.strategies.restore.mutationOptions({
      onSuccess: () => {
        void invalidate();
        onRestored();
      },
    }),
  );
  const [editing, setEditing] = useState<number>();
  const [label, setLabel] = useState("");

  return (
    <aside
      className="flex h-full w-72 shrink-0 flex-col border-l border-border bg-card"
      aria-label="Versions"
    >
      <div className="flex items-center justify-between border-b border-border px-4 py-2.5">
        <h2 className="text-sm font-semibold">Versions</h2>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close versions">
          ✕
        </Button>
      </div>
      <p className="border-b border-border px-4 py-2 text-[11px] leading-relaxed text-muted-foreground">
        Every save is a version. Name the ones worth keeping; restoring one saves it again on top, so nothing
        is lost.
      </p>
      {(name.error || restore.error) && (
        <p role="alert" className="px-4 py-2 text-xs text-destructive">
          {errorMessage(name.error ?? restore.error)}
        </p>
      )}
      <ol className="flex-1 divide-y divide-border overflow-y-auto" data-testid="versions">
        {versions.isPending && <li className="p-4 text-xs text-muted-foreground">Loading versions…</li>}
        {versions.data?.map((version) => (
          <li key={version.number} className="px-4 py-2.5 text-xs">
            <div className="flex items-center gap-2">
              <span className="font-mono font-semibold">v{version.number}</span>
              {version.number === headVersion && <Badge variant="primary">current</Badge>}
              <span className="ml-auto text-muted-foreground">
                {new Date(version.createdAt).toLocaleString()}
              </span>
            </div>
            {editing === version.number ? (
              <form
                className="mt-1.5 flex gap-1.5"
                onSubmit={(e) => {
                  e.preventDefault();
                  name.mutate({ id: strategyId, version: version.number, label });
                  setEditing(undefined);
                }}
              >
                <Input
                  autoFocus
                  className="h-7 text-xs"
                  aria-label={`Name of version ${version.number}`}
                  value={label}
                  maxLength={120}
                  onChange={(e) => setLabel(e.target.value)}
                />
                <Button size="sm" className="h-7" type="submit">
                  Save
                </Button>
              </form>
            ) : (
              <div className="mt-1 flex items-center gap-2">
                <span className={version.label ? "font-medium" : "text-muted-foreground"}>
                  {version.label ?? "Unnamed"} · {version.nodeCount} nodes
                </span>
                <span className="ml-auto flex gap-1">
                  <button
                    type="button"
                    className="cursor-pointer rounded px-1.5 py-0.5 text-primary hover:bg-muted"
                    onClick={() => {
                      setEditing(version.number);
                      setLabel(version.label ?? "");
                    }}
                  >
                    Name
                  </button>
                  {version.number !== headVersion && (
                    <button
                      type="button"
                      className="cursor-pointer rounded px-1.5 py-0.5 text-primary hover:bg-muted disabled:opacity-50"
                      disabled={restore.isPending}
                      onClick={() => restore.mutate({ id: strategyId, version: version.number })}
                    >
                      Restore
                    </button>
                  )}
                </span>
              </div>
            )}
          </li>
        ))}
      </ol>
    </aside>
  );
}
