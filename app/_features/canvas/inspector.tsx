"use client";

import { memo, useEffect, useId, useState } from "react";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Switch } from "@/app/_components/ui/switch";
import { SimilarToGraph } from "@/app/_features/marketplace/similar-panel";
import { cn } from "@/app/_lib/cn";
import { useDebounced } from "@/app/_lib/use-debounced";
import type { Diagnostic } from "@/engine-runtime/compiler";
import type { GraphNode } from "@/nodes/core/graph";
import { PORT_TYPE_COLOURS, PORT_TYPE_LABELS } from "@/nodes/core/ports";
import { CATEGORY_STYLE } from "./categories";
import { definitionOf, portsOf, setLabel, setParam } from "./graph-ops";
import { blockParamFields, type ParamField, paramFields } from "./param-fields";
import { type EditorStore, useEditorState } from "./store";

/** The selected node's name and settings, as a form generated from its zod params. */
export const Inspector = memo(function Inspector({
  store,
  problemsByNode,
}: {
  store: EditorStore;
  problemsByNode: ReadonlyMap<string, readonly Diagnostic[]>;
}) {
  const graph = useEditorState(store, (s) => s.graph);
  const selected = useEditorState(store, (s) => s.selectedNodes);
  const node = selected.size === 1 ? graph.nodes.find((n) => selected.has(n.id)) : undefined;

  return (
    <aside
      className="flex h-full w-72 shrink-0 flex-col border-l border-border bg-card"
      aria-label="Inspector"
    >
      {node ? (
        <NodeForm key={node.id} store={store} node={node} problems={problemsByNode.get(node.id) ?? []} />
      ) : (
        <div className="flex flex-1 flex-col overflow-y-auto">
          <div className="flex flex-col items-center justify-center gap-2 p-6 text-center">
            <div className="text-sm font-medium">
              {selected.size > 1 ? `${selected.size} nodes selected` : "Nothing selected"}
            </div>
            <p className="text-xs leading-relaxed text-muted-foreground">
              {selected.size > 1
                ? "Move them together, copy them with Ctrl+C, or group them into a block."
                : "Click a node to see and change its settings here."}
            </p>
          </div>
          {/* Templates in the marketplace that resemble what is being drawn, live as it changes. */}
          <div className="border-t border-border p-4">
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted-foreground">
              Similar in the marketplace
            </h3>
            <SimilarToGraph graph={graph} />
          </div>
        </div>
      )}
    </aside>
  );
});

function NodeForm({
  store,
  node,
  problems,
}: {
  store: EditorStore;
  node: GraphNode;
  problems: readonly Diagnostic[];
}) {
  const definition = definitionOf(node.type);
  if (!definition) {
    return <p className="p-4 text-sm text-destructive">This node’s type “{node.type}” is unknown.</p>;
  }
  const style = CATEGORY_STYLE[definition.category];
  const blocks = store.get().graph.blocks;
  const ports = portsOf(node, blocks);
  const fields = paramFields(definition).filter(
    (field) => !(node.type === "custom.block" && field.name === "values"),
  );
  const commit = (param: string, value: unknown) =>
    store.commit(setParam(store.get().graph, node.id, param, value));
  const blockFields = node.type === "custom.block" ? blockParamFields(node, blocks) : [];
  const blockValues = (node.params.values ?? {}) as Record<string, unknown>;
  const general = problems.filter((p) => !p.param);

  return (
    <div className="flex-1 overflow-y-auto" data-testid="inspector">
      <div className="border-b border-border p-4">
        <div className="flex items-center gap-2">
          <span
            className="flex size-6 items-center justify-center rounded text-xs text-white"
            style={{ background: style.colour }}
            aria-hidden="true"
          >
            {style.glyph}
          </span>
          <div className="min-w-0">
            <h2 className="truncate text-sm font-semibold">{definition.title}</h2>
            <div className="text-[11px] text-muted-foreground">
              {style.label} · <code>{node.id}</code>
            </div>
          </div>
        </div>
        <p className="mt-3 text-xs leading-relaxed text-muted-foreground">{definition.description}</p>
      </div>
      <div className="space-y-4 p-4">
        <LabelField node={node} placeholder={definition.title} store={store} />
        {fields.map((field) => (
          <ParamInput
            key={field.name}
            field={field}
            value={node.params[field.name]}
            problem={
              problems.find((p) => p.param === field.name && p.severity === "error") ??
              problems.find((p) => p.param === field.name)
            }
            onCommit={(value) => commit(field.name, value)}
          />
        ))}
        {fields.length === 0 && <p className="text-xs text-muted-foreground">This node has no settings.</p>}
      </div>
      {blockFields.length > 0 && (
        <div className="space-y-4 border-t border-border p-4" data-testid="block-settings">
          <h3 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">
            Block settings
          </h3>
          {blockFields.map((field) => (
            <ParamInput
              key={field.name}
              field={field}
              value={blockValues[field.name]}
              onCommit={(value) => commit("values", { ...blockValues, [field.name]: value })}
            />
          ))}
        </div>
      )}
      {general.length > 0 && (
        <div className="space-y-2 border-t border-border p-4">
          <h3 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">
            Problems
          </h3>
          {general.map((p) => (
            <p
              key={`${p.code}-${p.port ?? ""}-${p.message}`}
              className={cn(
                "text-xs leading-relaxed",
                p.severity === "error" ? "text-destructive" : "text-amber-600 dark:text-amber-400",
              )}
            >
              {p.message}
            </p>
          ))}
        </div>
      )}
      <div className="border-t border-border p-4">
        <h3 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">Ports</h3>
        <ul className="mt-2 space-y-1.5 text-xs">
          {[
            ...ports.inputs.map((p) => ({ ...p, dir: "In" })),
            ...ports.outputs.map((p) => ({ ...p, dir: "Out" })),
          ].map((p) => (
            <li key={`${p.dir}-${p.name}`} className="flex items-start gap-2">
              <span
                className="mt-1 size-2 shrink-0 rounded-full"
                style={{ background: PORT_TYPE_COLOURS[p.type] }}
              />
              <span>
                <span className="font-medium">{p.label}</span>{" "}
                <span className="text-muted-foreground">
                  ({p.dir.toLowerCase()}, {PORT_TYPE_LABELS[p.type]}
                  {p.optional ? ", optional" : ""})
                </span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function LabelField({
  node,
  placeholder,
  store,
}: {
  node: GraphNode;
  placeholder: string;
  store: EditorStore;
}) {
  const id = useId();
  const [text, setText] = useState(node.label ?? "");
  useEffect(() => setText(node.label ?? ""), [node.label]);
  const commit = () => {
    if (text.trim() !== (node.label ?? "")) store.commit(setLabel(store.get().graph, node.id, text.trim()));
  };
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="text-xs font-medium">
        Name
      </label>
      <Input
        id={id}
        className="h-8 text-sm"
        placeholder={placeholder}
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
      <p className="text-[11px] text-muted-foreground">Shown on the canvas and in the chart legend.</p>
    </div>
  );
}

/** How long typing in a text param must pause before the edit is committed. */
const TEXT_COMMIT_MS = 600;

function ParamInput({
  field,
  value,
  problem,
  onCommit,
}: {
  field: ParamField;
  value: unknown;
  problem?: Diagnostic;
  onCommit: (value: unknown) => void;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const shown = value ?? field.defaultValue;
  const [text, setText] = useState(shown === undefined ? "" : String(shown));
  const [localError, setLocalError] = useState<string>();
  useEffect(() => {
    setText(shown === undefined ? "" : String(shown));
    setLocalError(undefined);
  }, [shown]);
  // Text is committed once typing pauses, not only on leaving the field: a formula's mistakes
  // are flagged while it is written, and the preview follows it.
  const typed = useDebounced(text, TEXT_COMMIT_MS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the pause ends, not when the committed value changes
  useEffect(() => {
    if (field.kind === "text" && typed === text && typed !== String(shown ?? "")) onCommit(typed);
  }, [typed]);
  const error = localError ?? problem?.message;
  const describedBy = [error ? errorId : "", field.help ? helpId : ""].filter(Boolean).join(" ") || undefined;

  const commitNumber = (raw: string) => {
    if (field.kind !== "number") return;
    const number = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(number)) {
      setLocalError(`${field.label} needs a number.`);
      return;
    }
    setLocalError(undefined);
    if (number !== value) onCommit(number);
  };

  let control: React.ReactNode;
  switch (field.kind) {
    case "number":
      control = (
        <Input
          id={id}
          type="number"
          inputMode={field.integer ? "numeric" : "decimal"}
          className="h-8 font-mono text-sm"
          min={field.min}
          max={field.max}
          step={field.step ?? "any"}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setText(e.target.value);
            commitNumber(e.target.value);
          }}
        />
      );
      break;
    case "select":
      control = (
        <Select
          id={id}
          className="h-8"
          value={String(shown ?? "")}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onCommit(e.target.value)}
        >
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option === "" ? "Same as the run" : option}
            </option>
          ))}
        </Select>
      );
      break;
    case "switch":
      control = (
        <Switch id={id} checked={Boolean(shown)} onCheckedChange={onCommit} aria-describedby={describedBy} />
      );
      break;
    case "text":
      control = field.multiline ? (
        <textarea
          id={id}
          className="min-h-20 w-full rounded-md border border-input bg-background px-3 py-2 font-mono text-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive"
          value={text}
          maxLength={field.maxLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => text !== shown && onCommit(text)}
        />
      ) : (
        <Input
          id={id}
          className="h-8 text-sm"
          value={text}
          maxLength={field.maxLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => text !== shown && onCommit(text)}
          onKeyDown={(e) => e.key === "Enter" && text !== shown && onCommit(text)}
        />
      );
      break;
    default:
      control = <p className="text-xs text-muted-foreground">Edited through the graph’s JSON only.</p>;
  }

  const range =
    field.kind === "number" && (field.min !== undefined || field.max !== undefined)
      ? `${field.integer ? "Whole number" : "Number"}${field.min !== undefined ? ` from ${field.min}` : ""}${field.max !== undefined ? ` to ${field.max.toLocaleString("en-US")}` : ""}`
      : undefined;

  return (
    <div className="space-y-1.5" data-param={field.name}>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-xs font-medium">
          {field.label}
        </label>
        {field.defaultValue !== undefined && field.defaultValue !== "" && (
          <button
            type="button"
            className="cursor-pointer text-[10.5px] text-muted-foreground hover:text-foreground"
            onClick={() => onCommit(field.defaultValue)}
            title="Reset to the default"
          >
            default {String(field.defaultValue)}
          </button>
        )}
      </div>
      {control}
      {error && (
        <p
          id={errorId}
          role="alert"
          className="text-[11.5px] leading-snug text-destructive"
          data-testid="param-error"
        >
          {error}
        </p>
      )}
      {!localError && problem?.column !== undefined && field.kind === "text" && (
        <ColumnMarker text={String(shown ?? "")} column={problem.column} />
      )}
      {(field.help || range) && (
        <p id={helpId} className="text-[11px] leading-snug text-muted-foreground">
          {field.help}
          {field.help && range ? " " : ""}
          {range && <span className="whitespace-nowrap">({range})</span>}
        </p>
      )}
    </div>
  );
}

/**
 * The committed text with a caret under the column a problem names (1-based), so a mistake in a
 * long formula is found without counting characters.
 */
function ColumnMarker({ text, column }: { text: string; column: number }) {
  const at = Math.min(Math.max(column - 1, 0), text.length);
  // A window of the text around the column keeps the caret in view in a narrow panel.
  const from = Math.max(0, at - 24);
  const shownText = (from > 0 ? "…" : "") + text.slice(from, at + 24).replace(/\s/g, " ");
  const caret = " ".repeat(at - from + (from > 0 ? 1 : 0));
  return (
    <pre
      aria-hidden="true"
      className="overflow-hidden rounded bg-destructive/5 px-2 py-1 font-mono text-[11px] leading-tight text-destructive"
      data-testid="param-error-marker"
    >
      {shownText}
      {"\n"}
      {caret}^
    </pre>
  );
}
