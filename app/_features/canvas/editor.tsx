"use client";

import "@xyflow/react/dist/style.css";
import "./canvas.css";
import { useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import Link from "next/link";
import {
  type ComponentProps,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { Input } from "@/app/_components/ui/input";
import { Kbd } from "@/app/_components/ui/kbd";
import { ToastProvider, useToast } from "@/app/_components/ui/toast";
import { RunBacktest } from "@/app/_features/backtest-report/run-backtest";
import { ExportDialog, ImportDialog } from "@/app/_features/export";
import { PaperTradeButton } from "@/app/_features/paper/paper-trade-button";
import { DATASETS, DEFAULT_DATASET } from "@/app/_features/preview/datasets";
import { ResultsPanel } from "@/app/_features/preview/results-panel";
import { useDarkTheme } from "@/app/_features/preview/use-dark";
import { usePreview } from "@/app/_features/preview/use-preview";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { compile, type Diagnostic } from "@/engine-runtime/compiler";
import { isUserDataset } from "@/engine-runtime/data/samples";
import type { Plan } from "@/engine-runtime/plan/schema";
import type { Graph } from "@/nodes/core/graph";
import { autoLayout } from "./auto-layout";
import { FlowCanvas } from "./flow-canvas";
import { freeSpot } from "./free-spot";
import {
  addNode,
  copyFragment,
  groupIntoBlock,
  parseFragment,
  pasteFragment,
  removeItems,
} from "./graph-ops";
import { Inspector } from "./inspector";
import { Palette } from "./palette";
import { QuickAdd } from "./quick-add";
import { runBlocker } from "./run-blocker";
import { SaveIndicator } from "./save-indicator";
import { ShortcutSheet } from "./shortcuts";
import { EditorStore, useEditorState } from "./store";
import { useAutosave } from "./use-autosave";
import { VersionsPanel } from "./versions-panel";

export interface LoadedStrategy {
  id: string;
  name: string;
  headVersion: number;
  graph: Graph;
}

/** The strategy editor: palette, canvas, inspector, and the live preview docked below. */
export function StrategyEditor({ strategy }: { strategy: LoadedStrategy }) {
  return (
    <ToastProvider>
      <ReactFlowProvider>
        <Editor strategy={strategy} />
      </ReactFlowProvider>
    </ToastProvider>
  );
}

function Editor({ strategy }: { strategy: LoadedStrategy }) {
  const [store] = useState(() => new EditorStore(strategy.graph));
  const graph = useEditorState(store, (s) => s.graph);
  const canUndo = useEditorState(store, (s) => s.past.length > 0);
  const canRedo = useEditorState(store, (s) => s.future.length > 0);
  const selectedCount = useEditorState(store, (s) => s.selectedNodes.size);
  const flow = useReactFlow();
  const toast = useToast();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dark = useDarkTheme();
  const autosave = useAutosave(store, strategy.id, strategy.headVersion);

  // Every edit is compiled at once, in the browser: diagnostics and the plan follow the canvas.
  const compiled = useMemo(() => compile(graph), [graph]);
  const errors = useMemo(() => compiled.diagnostics.filter((d) => d.severity === "error"), [compiled]);
  const warnings = useMemo(() => compiled.diagnostics.filter((d) => d.severity === "warning"), [compiled]);
  const problemsByNode = useStableProblems(compiled.diagnostics);
  const blocker = useMemo(() => runBlocker(compiled.diagnostics), [compiled]);

  const [dataset, setDataset] = useState(DEFAULT_DATASET);
  useEffect(() => {
    const asked =
      new URLSearchParams(window.location.search).get("dataset") ?? localStorage.getItem("strata-dataset");
    if (asked && (DATASETS.some((d) => d.id === asked) || isUserDataset(asked))) setDataset(asked);
  }, []);
  const chooseDataset = (id: string) => {
    setDataset(id);
    localStorage.setItem("strata-dataset", id);
  };

  // Marks for bench/preview-latency.ts: an edit, then the chart that shows its result.
  useEffect(() => {
    let edits = store.get().edits;
    return store.subscribe(() => {
      if (store.get().edits !== edits) {
        edits = store.get().edits;
        performance.mark("preview:edit");
      }
    });
  }, [store]);
  const onRendered = useCallback(() => performance.mark("preview:rendered"), []);

  const [quickAdd, setQuickAdd] = useState<{ at?: { x: number; y: number } } | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [side, setSide] = useState<"inspector" | "versions">("inspector");
  const [grouping, setGrouping] = useState(false);
  const [codeDialog, setCodeDialog] = useState<"export" | "import" | null>(null);
  const canvasBox = useRef<HTMLDivElement>(null);
  const openQuickAdd = useCallback((at: { x: number; y: number }) => setQuickAdd({ at }), []);

  const viewportCentre = useCallback(() => {
    const box = canvasBox.current?.getBoundingClientRect();
    if (!box) return { x: 0, y: 0 };
    return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
  }, [flow]);

  const add = useCallback(
    (type: string, at?: { x: number; y: number }) => {
      const current = store.get().graph;
      const position = at ?? viewportCentre();
      const [next, id] = addNode(current, type, freeSpot(current.nodes, position.x - 108, position.y - 40));
      store.commit(next, { nodes: [id] });
    },
    [store, viewportCentre],
  );

  const focusNode = useCallback(
    (id: string) => {
      const node = store.get().graph.nodes.find((n) => n.id === id);
      if (!node) return;
      store.select([id]);
      flow.setCenter(node.position.x + 108, node.position.y + 60, {
        zoom: Math.max(flow.getZoom(), 1),
        duration: 300,
      });
    },
    [flow, store],
  );
  const focusProblem = useCallback(
    (problem: Diagnostic) => {
      if (problem.nodeId) focusNode(problem.nodeId.split("/")[0]);
    },
    [focusNode],
  );

  const tidy = useCallback(async () => {
    const sizes = new Map(
      flow
        .getNodes()
        .map((n) => [n.id, { width: n.measured?.width ?? 216, height: n.measured?.height ?? 110 }]),
    );
    store.commit(await autoLayout(store.get().graph, sizes));
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 300 }));
  }, [flow, store]);

  const group = useCallback(
    (title: string) => {
      const { graph, selectedNodes } = store.get();
      const result = groupIntoBlock(graph, selectedNodes, title);
      if (!result.ok) {
        toast({ title: "Cannot group these nodes", description: result.reason, tone: "error" });
        return;
      }
      store.commit(result.graph, { nodes: [result.nodeId] });
      toast({
        title: `Grouped into “${title}”`,
        description: "Ctrl+Z puts the nodes back.",
        tone: "success",
      });
    },
    [store, toast],
  );

  const openGroupDialog = useCallback(() => {
    if (store.get().selectedNodes.size < 2) {
      toast({
        title: "Select at least two nodes",
        description: "Shift-drag a box around them, then group them.",
      });
      return;
    }
    setGrouping(true);
  }, [store, toast]);

  const paste = useCallback(
    (text: string) => {
      const fragment = parseFragment(text);
      if (!fragment) return false;
      const [next, ids] = pasteFragment(store.get().graph, fragment, { x: 40, y: 40 });
      store.commit(next, { nodes: ids });
      return true;
    },
    [store],
  );

  // Copy and paste go through the system clipboard as graph JSON, so they work across strategies and tabs.
  useEffect(() => {
    const copy = (event: ClipboardEvent, cut: boolean) => {
      if (isTyping(event.target) || !event.clipboardData) return;
      const { graph, selectedNodes } = store.get();
      if (selectedNodes.size === 0) return;
      event.clipboardData.setData("text/plain", JSON.stringify(copyFragment(graph, selectedNodes)));
      event.preventDefault();
      if (cut) store.commit(removeItems(graph, selectedNodes, []));
    };
    const onCopy = (event: ClipboardEvent) => copy(event, false);
    const onCut = (event: ClipboardEvent) => copy(event, true);
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const text = event.clipboardData?.getData("text/plain") ?? "";
      if (paste(text)) event.preventDefault();
    };
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCut);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCut);
      document.removeEventListener("paste", onPaste);
    };
  }, [paste, store]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && key === "z" && !event.shiftKey) run(() => store.undo());
      else if (mod && ((key === "z" && event.shiftKey) || key === "y")) run(() => store.redo());
      else if (mod && key === "a") run(() => store.select(store.get().graph.nodes.map((n) => n.id)));
      else if (mod && key === "d") {
        run(() => {
          const { graph, selectedNodes } = store.get();
          if (selectedNodes.size === 0) return;
          const [next, ids] = pasteFragment(graph, copyFragment(graph, selectedNodes), { x: 40, y: 40 });
          store.commit(next, { nodes: ids });
        });
      } else if (mod && key === "g") run(openGroupDialog);
      else if (mod && key === "s") run(autosave.saveNow);
      else if (mod) return;
      else if (event.key === "/") run(() => setQuickAdd({}));
      else if (event.key === "?") run(() => setShortcutsOpen(true));
      else if (event.key === "L" && event.shiftKey) run(() => void tidy());
      else if (event.key === "1") run(() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 300 }));
      else if (event.key === "Escape") store.select([]);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [autosave.saveNow, flow, openGroupDialog, store, tidy]);

  const reloadFromServer = useCallback(async () => {
    try {
      const latest = await queryClient.fetchQuery({
        ...trpc.strategies.get.queryOptions({ id: strategy.id }),
        staleTime: 0,
      });
      const loaded = latest.graph as Graph;
      autosave.adopt(loaded, latest.headVersion);
      store.load(loaded, true);
      return true;
    } catch (error) {
      toast({ title: "Could not load the strategy", description: errorMessage(error), tone: "error" });
      return false;
    }
  }, [autosave, queryClient, store, strategy.id, toast, trpc]);

  const [dockHeight, setDockHeight] = useState(340);
  const [dockOpen, setDockOpen] = useState(true);
  const resizeDock = (event: ReactPointerEvent) => {
    const startY = event.clientY;
    const startHeight = dockHeight;
    const move = (e: PointerEvent) =>
      setDockHeight(Math.min(window.innerHeight - 220, Math.max(160, startHeight + startY - e.clientY)));
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };

  return (
    <div className="strata-editor fixed inset-x-0 top-14 bottom-0 z-10 flex flex-col bg-background">
      <header className="flex min-h-11 shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-border bg-card px-3 py-1">
        <Link
          href="/strategies"
          className="text-xs text-muted-foreground hover:text-foreground"
          aria-label="Back to my strategies"
        >
          ← Strategies
        </Link>
        <span className="text-muted-foreground/50">/</span>
        <h1 className="max-w-72 truncate text-sm font-semibold" data-testid="strategy-name">
          {strategy.name}
        </h1>
        <SaveIndicator
          status={autosave.status}
          version={autosave.version}
          error={autosave.error}
          onRetry={autosave.saveNow}
        />
        <div className="ml-auto flex flex-wrap items-center justify-end gap-1">
          <ToolbarButton label="Undo" shortcut="Ctrl+Z" disabled={!canUndo} onClick={() => store.undo()}>
            ↶
          </ToolbarButton>
          <ToolbarButton
            label="Redo"
            shortcut="Ctrl+Shift+Z"
            disabled={!canRedo}
            onClick={() => store.redo()}
          >
            ↷
          </ToolbarButton>
          <span className="mx-1 h-5 w-px bg-border max-lg:hidden" />
          <Button
            variant="ghost"
            size="sm"
            className="h-7 text-xs"
            onClick={() => setQuickAdd({})}
            title="Add a node (/)"
          >
            + Add node
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="h-7 text-xs"
            onClick={() => void tidy()}
            title="Tidy up (Shift+L)"
            disabled={graph.nodes.length < 2}
          >
            Tidy up
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="h-7 text-xs"
            onClick={openGroupDialog}
            disabled={selectedCount < 2}
            title="Group into block (Ctrl+G)"
          >
            Group into block
          </Button>
          <span className="mx-1 h-5 w-px bg-border max-lg:hidden" />
          <Button
            variant={side === "versions" ? "outline" : "ghost"}
            size="sm"
            className="h-7 text-xs"
            onClick={() => setSide(side === "versions" ? "inspector" : "versions")}
            aria-pressed={side === "versions"}
          >
            Versions
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="h-7 text-xs"
            onClick={() => setShortcutsOpen(true)}
            aria-label="Keyboard shortcuts"
          >
            <Kbd>?</Kbd>
          </Button>
          <span className="mx-1 h-5 w-px bg-border max-lg:hidden" />
          <Button variant="ghost" size="sm" className="h-7 text-xs" onClick={() => setCodeDialog("import")}>
            Import
          </Button>
          <Button variant="ghost" size="sm" className="h-7 text-xs" onClick={() => setCodeDialog("export")}>
            Export
          </Button>
          <RunBacktest
            strategyId={strategy.id}
            saveStatus={autosave.status}
            version={autosave.version}
            saveNow={autosave.saveNow}
            dataset={dataset}
            blocker={blocker}
          />
          <PaperTradeButton
            strategyId={strategy.id}
            saveStatus={autosave.status}
            version={autosave.version}
            saveNow={autosave.saveNow}
            dataset={dataset}
            blocker={blocker}
          />
        </div>
      </header>
      {autosave.status === "conflict" && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 border-b border-amber-500/40 bg-amber-500/10 px-4 py-2 text-sm"
          data-testid="conflict-banner"
        >
          <span className="font-medium">This strategy was changed in another tab or window.</span>
          <span className="text-muted-foreground">
            Your edits are safe here; choose which version continues.
          </span>
          <span className="ml-auto flex gap-2">
            <Button size="sm" variant="outline" className="h-7" onClick={() => void reloadFromServer()}>
              Load newer version
            </Button>
            <Button size="sm" className="h-7" onClick={autosave.keepMine}>
              Keep mine as a new version
            </Button>
          </span>
        </div>
      )}
      {/* Narrower than lg, the panels stack under the canvas (palette last) and the editor scrolls. */}
      <div className="flex min-h-0 flex-1 flex-col overflow-y-auto lg:flex-row lg:overflow-visible max-lg:[&>aside]:h-auto max-lg:[&>aside]:max-h-[28rem] max-lg:[&>aside]:w-full max-lg:[&>aside]:border-x-0 max-lg:[&>aside]:border-t max-lg:[&>aside:first-child]:order-last">
        <Palette onAdd={add} />
        <div className="flex min-w-0 flex-col max-lg:flex-none lg:flex-1">
          <div
            ref={canvasBox}
            className="strata-canvas relative min-h-0 max-lg:h-[55svh] max-lg:min-h-80 max-lg:flex-none lg:flex-1"
          >
            <FlowCanvas
              store={store}
              problemsByNode={problemsByNode}
              onQuickAdd={openQuickAdd}
              colorMode={dark ? "dark" : "light"}
            />
          </div>
          {dockOpen ? (
            <>
              <div
                aria-hidden="true"
                title="Drag to resize the results"
                onPointerDown={resizeDock}
                className="group relative h-1.5 shrink-0 cursor-row-resize bg-border/40 hover:bg-primary/40"
              >
                <button
                  type="button"
                  onClick={() => setDockOpen(false)}
                  onPointerDown={(e) => e.stopPropagation()}
                  className="absolute -top-3 right-3 z-10 cursor-pointer rounded-t-md border border-b-0 border-border bg-card px-2 text-[10px] text-muted-foreground hover:text-foreground"
                  aria-label="Hide results"
                >
                  ▾ Hide
                </button>
              </div>
              <PreviewDock
                plan={compiled.ok ? compiled.plan : undefined}
                hash={compiled.ok ? compiled.hash : undefined}
                nodeCount={graph.nodes.length}
                errors={errors}
                warnings={warnings}
                dataset={dataset}
                onDataset={chooseDataset}
                onFocusProblem={focusProblem}
                dark={dark}
                onRendered={onRendered}
                height={dockHeight}
              />
            </>
          ) : (
            <button
              type="button"
              onClick={() => setDockOpen(true)}
              className="flex h-8 shrink-0 cursor-pointer items-center gap-2 border-t border-border bg-card px-3 text-xs text-muted-foreground hover:text-foreground"
            >
              ▴ Show results
              {errors.length > 0 && <span className="text-destructive">· {errors.length} problems</span>}
            </button>
          )}
        </div>
        {side === "versions" ? (
          <VersionsPanel
            strategyId={strategy.id}
            headVersion={autosave.version}
            onRestored={() => void reloadFromServer()}
            onClose={() => setSide("inspector")}
          />
        ) : (
          <Inspector store={store} problemsByNode={problemsByNode} />
        )}
      </div>
      <QuickAdd
        open={quickAdd !== null}
        onClose={() => setQuickAdd(null)}
        onPick={(type) => add(type, quickAdd?.at)}
      />
      <ShortcutSheet open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <GroupDialog open={grouping} onClose={() => setGrouping(false)} onGroup={group} />
      <ExportDialog open={codeDialog === "export"} onClose={() => setCodeDialog(null)} graph={graph} />
      <ImportDialog
        open={codeDialog === "import"}
        onClose={() => setCodeDialog(null)}
        onImport={(imported) => {
          // Undoable like any edit: Ctrl+Z brings back the graph the import replaced.
          store.commit(imported);
          requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 300 }));
        }}
      />
    </div>
  );
}

/**
 * The preview lives in its own component so that a result arriving from the worker re-renders the
 * results, not the canvas, palette and inspector.
 */
function PreviewDock({
  plan,
  hash,
  dataset,
  ...panel
}: { plan?: Plan; hash?: string } & Omit<ComponentProps<typeof ResultsPanel>, "preview">) {
  const preview = usePreview(plan, hash, dataset);
  return <ResultsPanel preview={preview} dataset={dataset} {...panel} />;
}

function GroupDialog({
  open,
  onClose,
  onGroup,
}: {
  open: boolean;
  onClose: () => void;
  onGroup: (title: string) => void;
}) {
  const [title, setTitle] = useState("My block");
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Group into a custom block"
      description="The selected nodes become one node. Connections into and out of the group become its inputs and outputs."
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!title.trim()) return;
          onGroup(title.trim());
          onClose();
        }}
      >
        <Input
          autoFocus
          aria-label="Block name"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" size="sm" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" size="sm">
            Group
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ToolbarButton({
  label,
  shortcut,
  children,
  ...props
}: {
  label: string;
  shortcut: string;
  children: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <Button
      variant="ghost"
      size="sm"
      className="h-7 w-7 px-0 text-base"
      aria-label={label}
      title={`${label} (${shortcut})`}
      {...props}
    >
      {children}
    </Button>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Diagnostics by node id, reusing last compile's array for a node whose problems did not change,
 * so memoised node cards only re-render when their own problems do.
 */
function useStableProblems(diagnostics: readonly Diagnostic[]): ReadonlyMap<string, readonly Diagnostic[]> {
  const previous = useRef<Map<string, { key: string; list: readonly Diagnostic[] }>>(new Map());
  return useMemo(() => {
    const grouped = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      if (!d.nodeId) continue;
      const id = d.nodeId.split("/")[0];
      const list = grouped.get(id) ?? [];
      list.push(id === d.nodeId ? d : { ...d, port: undefined, param: undefined });
      grouped.set(id, list);
    }
    const next = new Map<string, { key: string; list: readonly Diagnostic[] }>();
    const result = new Map<string, readonly Diagnostic[]>();
    for (const [id, list] of grouped) {
      const key = JSON.stringify(list);
      const old = previous.current.get(id);
      const stable = old && old.key === key ? old.list : list;
      next.set(id, { key, list: stable });
      result.set(id, stable);
    }
    previous.current = next;
    return result.size === 0 ? EMPTY : result;
  }, [diagnostics]);
}

const EMPTY: ReadonlyMap<string, readonly Diagnostic[]> = new Map();
