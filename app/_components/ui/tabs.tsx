"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { cn } from "@/app/_lib/cn";

export interface TabItem<T extends string> {
  value: T;
  label: ReactNode;
}

/** A tab list with roving focus: arrow keys move between tabs, as the ARIA pattern asks. */
export function Tabs<T extends string>({
  items,
  value,
  onValueChange,
  label,
  className,
}: {
  items: readonly TabItem<T>[];
  value: T;
  onValueChange: (value: T) => void;
  label: string;
  className?: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const index = items.findIndex((item) => item.value === value);
    const next = items[(index + step + items.length) % items.length];
    onValueChange(next.value);
    event.currentTarget.querySelector<HTMLElement>(`[data-value="${next.value}"]`)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={label}
      className={cn("flex items-center gap-1", className)}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.value}
          type="button"
          role="tab"
          data-value={item.value}
          aria-selected={item.value === value}
          tabIndex={item.value === value ? 0 : -1}
          onClick={() => onValueChange(item.value)}
          className={cn(
            "inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-md px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
            item.value === value && "bg-muted text-foreground",
          )}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
