"use client";

import { memo, useMemo, useState } from "react";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/app/_lib/cn";
import { NODE_CATEGORIES, type NodeDefinition } from "@/nodes/core/define";
import { PORT_TYPE_COLOURS, PORT_TYPE_LABELS } from "@/nodes/core/ports";
import { CATEGORY_STYLE } from "./categories";
import { PALETTE_MIME } from "./flow-canvas";
import { searchNodes } from "./node-search";

/** The building blocks by category: drag one onto the canvas, or press Enter on it to add it. */
export const Palette = memo(function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const [query, setQuery] = useState("");
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set(["patterns", "custom"]));
  const [hovered, setHovered] = useState<{ definition: NodeDefinition; top: number } | null>(null);
  const matches = useMemo(() => searchNodes(query), [query]);
  const searching = query.trim() !== "";

  return (
    <aside
      className="flex h-full w-60 shrink-0 flex-col border-r border-border bg-card"
      aria-label="Node palette"
    >
      <div className="border-b border-border p-3">
        <Input
          className="h-8 text-xs"
          placeholder="Search nodes…"
          aria-label="Search nodes"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <nav
        className="flex-1 overflow-y-auto py-1"
        onMouseLeave={() => setHovered(null)}
        onKeyDown={(event) => {
          // Arrow keys walk the list, as in a menu; Enter adds the focused node, Tab leaves the palette.
          if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
          const buttons = [...event.currentTarget.querySelectorAll("button")];
          const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[
            Math.max(0, Math.min(buttons.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)))
          ]?.focus();
          event.preventDefault();
        }}
      >
        {matches.length === 0 && (
          <p className="px-4 py-6 text-center text-xs text-muted-foreground">
            No node matches “{query}”. Try “average”, “cross” or “stop”.
          </p>
        )}
        {NODE_CATEGORIES.map((category) => {
          const nodes = matches.filter((d) => d.category === category);
          if (nodes.length === 0) return null;
          const open = searching || !closed.has(category);
          const style = CATEGORY_STYLE[category];
          return (
            <section key={category}>
              <button
                type="button"
                className="flex w-full cursor-pointer items-center gap-2 px-3 py-1.5 text-[11px] font-semibold uppercase tracking-wide text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
                aria-expanded={open}
                onClick={() =>
                  setClosed((set) => {
                    const next = new Set(set);
                    if (next.has(category)) next.delete(category);
                    else next.add(category);
                    return next;
                  })
                }
              >
                <span
                  className="size-2 rounded-full"
                  style={{ background: style.colour }}
                  aria-hidden="true"
                />
                {style.label}
                <span className="ml-auto font-normal normal-case tracking-normal">{nodes.length}</span>
                <span aria-hidden="true" className={cn("transition-transform", open && "rotate-90")}>
                  ›
                </span>
              </button>
              {open && (
                <ul className="pb-1">
                  {nodes.map((definition) => (
                    <li key={definition.type}>
                      <button
                        type="button"
                        draggable
                        data-node-type={definition.type}
                        onDragStart={(event) => {
                          event.dataTransfer.setData(PALETTE_MIME, definition.type);
                          event.dataTransfer.effectAllowed = "move";
                          setHovered(null);
                        }}
                        onClick={() => onAdd(definition.type)}
                        onMouseEnter={(event) =>
                          setHovered({ definition, top: event.currentTarget.getBoundingClientRect().top })
                        }
                        onFocus={(event) =>
                          setHovered({ definition, top: event.currentTarget.getBoundingClientRect().top })
                        }
                        onBlur={() => setHovered(null)}
                        aria-describedby={hovered?.definition === definition ? "palette-help" : undefined}
                        className="group flex w-full cursor-grab items-center gap-2 px-3 py-1 text-left text-[13px] hover:bg-muted focus-visible:bg-muted focus-visible:outline-none active:cursor-grabbing"
                      >
                        <span
                          className="flex size-5 shrink-0 items-center justify-center rounded text-[10px] text-white"
                          style={{ background: style.colour }}
                          aria-hidden="true"
                        >
                          {style.glyph}
                        </span>
                        <span className="truncate">{definition.title}</span>
                        <span className="ml-auto hidden text-[10px] text-muted-foreground group-hover:inline">
                          drag
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </nav>
      {hovered && <HelpCard definition={hovered.definition} top={hovered.top} />}
    </aside>
  );
});

/** A node's help, beside the palette: what it computes and what its ports take and give. */
function HelpCard({ definition, top }: { definition: NodeDefinition; top: number }) {
  return (
    <div
      id="palette-help"
      role="tooltip"
      className="pointer-events-none fixed left-[244px] z-40 w-80 rounded-lg border border-border bg-card p-3 text-xs shadow-xl"
      style={{ top: Math.min(top - 8, window.innerHeight - 260) }}
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">{definition.title}</span>
        <code className="text-[10px] text-muted-foreground">{definition.type}</code>
      </div>
      <p className="mt-1.5 line-clamp-6 leading-relaxed text-muted-foreground">{definition.description}</p>
      <div className="mt-2 flex flex-wrap gap-1">
        {[
          ...definition.inputs.map((p) => ({ ...p, dir: "in" as const })),
          ...definition.outputs.map((p) => ({ ...p, dir: "out" as const })),
        ].map((p) => (
          <span
            key={`${p.dir}-${p.name}`}
            className="inline-flex items-center gap-1 rounded-full border border-border px-1.5 py-0.5 text-[10px]"
          >
            <span className="size-1.5 rounded-full" style={{ background: PORT_TYPE_COLOURS[p.type] }} />
            {p.dir === "in" ? "in: " : "out: "}
            {p.label} · {PORT_TYPE_LABELS[p.type]}
          </span>
        ))}
      </div>
      {definition.reference && (
        <div className="mt-2 text-[10px] text-muted-foreground">Checked against {definition.reference}</div>
      )}
    </div>
  );
}
