"use client";

import { useMemo, useState } from "react";
import { Card } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { catalogue } from "@/nodes/catalogue";
import { NODE_CATEGORIES } from "@/nodes/core/define";
import { PORT_TYPE_COLOURS, PORT_TYPE_LABELS } from "@/nodes/core/ports";

/** Every node a strategy can use, by category, with its ports and help text. */
export default function NodeCataloguePage() {
  const [query, setQuery] = useState("");
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return catalogue.definitions.filter(
      (d) => !q || `${d.title} ${d.type} ${d.description}`.toLowerCase().includes(q),
    );
  }, [query]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Node catalogue</h1>
          <p className="text-sm text-muted-foreground">
            The building blocks of every strategy, and what each one does.
          </p>
        </div>
        <Input
          className="max-w-xs"
          placeholder="Search nodes, e.g. RSI or crosses"
          aria-label="Search nodes"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {matches.length === 0 && (
        <p className="rounded-lg border border-dashed border-border p-8 text-center text-muted-foreground">
          No node matches “{query}”. Try a shorter word, like “average” or “stop”.
        </p>
      )}
      {NODE_CATEGORIES.map((category) => {
        const nodes = matches.filter((d) => d.category === category);
        if (nodes.length === 0) return null;
        return (
          <section key={category} aria-labelledby={`cat-${category}`}>
            <h2
              id={`cat-${category}`}
              className="mb-3 text-sm font-semibold uppercase tracking-wide text-muted-foreground"
            >
              {category} · {nodes.length}
            </h2>
            <div className="grid gap-3 md:grid-cols-2 lg:grid-cols-3">
              {nodes.map((d) => (
                <Card key={d.type} className="p-4">
                  <div className="flex items-baseline justify-between gap-2">
                    <h3 className="font-medium">{d.title}</h3>
                    <code className="text-xs text-muted-foreground">{d.type}</code>
                  </div>
                  <p className="mt-2 text-sm text-muted-foreground">{d.description}</p>
                  <div className="mt-3 flex flex-wrap gap-1.5 text-xs">
                    {[
                      ...d.inputs.map((p) => ({ ...p, dir: "in" })),
                      ...d.outputs.map((p) => ({ ...p, dir: "out" })),
                    ].map((p) => (
                      <span
                        key={`${p.dir}-${p.name}`}
                        className="inline-flex items-center gap-1 rounded-full border border-border px-2 py-0.5"
                        title={PORT_TYPE_LABELS[p.type]}
                      >
                        <span
                          className="size-2 rounded-full"
                          style={{ background: PORT_TYPE_COLOURS[p.type] }}
                        />
                        {p.dir === "in" ? "→ " : ""}
                        {p.label}
                        {p.dir === "out" ? " →" : ""}
                      </span>
                    ))}
                  </div>
                </Card>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
