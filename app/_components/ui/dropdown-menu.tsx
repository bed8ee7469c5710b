"use client";

import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { cn } from "@/app/_lib/cn";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  destructive?: boolean;
  disabled?: boolean;
}

/**
 * A button that opens a list of actions, following the ARIA menu-button pattern: Enter, Space or
 * ArrowDown open it on the first item, arrows and Home/End move, Escape and Tab close it, and focus
 * returns to the button.
 */
export function DropdownMenu({
  label,
  items,
  children,
  triggerClassName,
  align = "end",
}: {
  /** The accessible name of the button, e.g. "Actions for Golden cross". */
  label: string;
  items: readonly MenuItem[];
  /** What the button shows (an icon). */
  children: ReactNode;
  triggerClassName?: string;
  align?: "start" | "end";
}) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const menuItems = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const focusItem = (index: number) => {
    const list = menuItems().filter((item) => item.getAttribute("aria-disabled") !== "true");
    list[(index + list.length) % list.length]?.focus();
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !trigger.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = menuItems().filter((item) => item.getAttribute("aria-disabled") !== "true");
    const current = list.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number | undefined> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: list.length - 1,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      focusItem(next);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  };

  return (
    <div className="relative inline-block">
      <button
        ref={trigger}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={cn(
          "inline-flex size-8 cursor-pointer items-center justify-center rounded-md text-muted-foreground transition-colors hover:bg-muted hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
          open && "bg-muted text-foreground",
          triggerClassName,
        )}
      >
        {children}
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          className={cn(
            "absolute top-full z-30 mt-1 min-w-40 rounded-lg border border-border bg-card p-1 shadow-lg",
            align === "end" ? "right-0" : "left-0",
          )}
        >
          {items.map((item) => (
            <div
              key={item.label}
              role="menuitem"
              tabIndex={-1}
              aria-disabled={item.disabled || undefined}
              onClick={() => {
                if (item.disabled) return;
                close(false);
                item.onSelect();
              }}
              onKeyDown={(event) => {
                if ((event.key === "Enter" || event.key === " ") && !item.disabled) {
                  event.preventDefault();
                  close(false);
                  item.onSelect();
                }
              }}
              className={cn(
                "flex cursor-pointer items-center rounded-md px-2.5 py-1.5 text-sm outline-none select-none hover:bg-muted focus:bg-muted",
                item.destructive && "text-destructive",
                item.disabled && "pointer-events-none opacity-50",
              )}
            >
              {item.label}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
