"use client";

import Link from "next/link";
import { type FormEvent, useRef, useState } from "react";
import { DropdownMenu } from "@/app/_components/ui/dropdown-menu";
import { Input } from "@/app/_components/ui/input";
import { timeAgo } from "./relative-time";

export interface StrategyItem {
  id: string;
  name: string;
  description: string | null;
  updatedAt: Date;
  headVersion: number;
  nodeCount: number;
}

/**
 * One strategy in the list: its name opens the editor; the menu renames it in place (Enter
 * keeps the new name, Escape the old one), duplicates or deletes it.
 */
export function StrategyRow({
  strategy,
  busy,
  onRename,
  onDuplicate,
  onDelete,
}: {
  strategy: StrategyItem;
  busy: boolean;
  onRename: (name: string) => void;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(strategy.name);
  // Escape unmounts the input, which may still report a blur: that must not save.
  const cancelled = useRef(false);

  const startRename = () => {
    setDraft(strategy.name);
    cancelled.current = false;
    setEditing(true);
  };
  const finish = (event?: FormEvent) => {
    event?.preventDefault();
    if (cancelled.current) return;
    cancelled.current = true;
    setEditing(false);
    const name = draft.trim();
    if (name && name !== strategy.name) onRename(name);
  };

  const nodes = `${strategy.nodeCount} ${strategy.nodeCount === 1 ? "node" : "nodes"}`;
  return (
    <li
      className="group flex items-center gap-4 px-4 py-3 transition-colors hover:bg-muted/40"
      data-testid="strategy-row"
      aria-busy={busy}
    >
      <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-primary/10 text-primary">
        <StrategyGlyph size={18} />
      </div>
      <div className="min-w-0 flex-1">
        {editing ? (
          <form onSubmit={finish}>
            <Input
              aria-label={`New name for ${strategy.name}`}
              className="h-8 max-w-md"
              value={draft}
              maxLength={120}
              autoFocus
              onFocus={(e) => e.currentTarget.select()}
              onChange={(e) => setDraft(e.target.value)}
              onBlur={() => finish()}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  cancelled.current = true;
                  setEditing(false);
                }
              }}
            />
          </form>
        ) : (
          <Link
            href={`/strategies/${strategy.id}`}
            className="block truncate rounded-sm font-medium hover:text-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {strategy.name}
          </Link>
        )}
        {strategy.description && (
          <p className="mt-0.5 truncate text-sm text-muted-foreground">{strategy.description}</p>
        )}
      </div>
      <p className="hidden shrink-0 text-right text-xs leading-5 text-muted-foreground sm:block">
        <span className="block">
          {nodes} · version {strategy.headVersion}
        </span>
        <time
          className="block"
          dateTime={strategy.updatedAt.toISOString()}
          title={strategy.updatedAt.toLocaleString()}
        >
          edited {timeAgo(strategy.updatedAt)}
        </time>
      </p>
      <DropdownMenu
        label={`Actions for ${strategy.name}`}
        items={[
          { label: "Rename", onSelect: startRename },
          { label: "Duplicate", onSelect: onDuplicate },
          { label: "Delete…", onSelect: onDelete, destructive: true },
        ]}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
          <circle cx="5" cy="12" r="2" />
          <circle cx="12" cy="12" r="2" />
          <circle cx="19" cy="12" r="2" />
        </svg>
      </DropdownMenu>
    </li>
  );
}

/** Three wired nodes: the mark of a strategy. Decorative. */
export function StrategyGlyph({ size }: { size: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="5" cy="12" r="2.5" />
      <circle cx="19" cy="6" r="2.5" />
      <circle cx="19" cy="18" r="2.5" />
      <path d="M7.5 12h4l5-5M11.5 12l5 5" />
    </svg>
  );
}
