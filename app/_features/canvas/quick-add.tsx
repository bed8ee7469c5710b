"use client";

import { type KeyboardEvent, useMemo, useState } from "react";
import { Dialog } from "@/app/_components/ui/dialog";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/app/_lib/cn";
import { CATEGORY_STYLE } from "./categories";
import { searchNodes } from "./node-search";

/** A search box for adding a node without leaving the keyboard: type, arrows, Enter. */
export function QuickAdd({
  open,
  onClose,
  onPick,
}: {
  open: boolean;
  onClose: () => void;
  onPick: (type: string) => void;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchNodes(query).slice(0, 40), [query]);
  const close = () => {
    setQuery("");
    setActive(0);
    onClose();
  };
  const pick = (type: string) => {
    onPick(type);
    close();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === "Enter" && matches[active]) {
      event.preventDefault();
      pick(matches[active].type);
    }
  };
  return (
    <Dialog open={open} onClose={close} title="Add a node" className="mt-[12vh]">
      <Input
        autoFocus
        placeholder="Type to search, e.g. SMA, crosses, stop loss"
        aria-label="Search nodes to add"
        aria-controls="quick-add-list"
        aria-activedescendant={matches[active] ? `quick-add-${matches[active].type}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div
        id="quick-add-list"
        role="listbox"
        aria-label="Matching nodes"
        className="mt-2 max-h-80 overflow-y-auto"
      >
        {matches.map((definition, i) => {
          const style = CATEGORY_STYLE[definition.category];
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input above handles the keys
            <div
              key={definition.type}
              id={`quick-add-${definition.type}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(definition.type)}
              className={cn(
                "flex cursor-pointer items-start gap-2.5 rounded-md px-2.5 py-2",
                i === active && "bg-muted",
              )}
            >
              <span
                className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded text-[10px] text-white"
                style={{ background: style.colour }}
                aria-hidden="true"
              >
                {style.glyph}
              </span>
              <span className="min-w-0">
                <span className="block text-sm font-medium">
                  {definition.title}{" "}
                  <span className="text-xs font-normal text-muted-foreground">· {style.label}</span>
                </span>
                <span className="block truncate text-xs text-muted-foreground">{definition.description}</span>
              </span>
            </div>
          );
        })}
        {matches.length === 0 && (
          <p className="px-2 py-6 text-center text-sm text-muted-foreground">No node matches “{query}”.</p>
        )}
      </div>
    </Dialog>
  );
}
