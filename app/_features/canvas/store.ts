import { useSyncExternalStore } from "react";
import type { Graph } from "@/nodes/core/graph";

/**
 * The editor's state outside React: the graph, what is selected, and the undo history as a list of
 * graph snapshots. Keyboard handlers and React Flow callbacks read the current state through
 * `get()`, so they never act on a stale closure.
 */
export interface EditorState {
  graph: Graph;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  past: readonly Graph[];
  future: readonly Graph[];
  /** Bumped by every change of the graph made by the user (not by loading one). */
  edits: number;
}

const HISTORY_LIMIT = 200;
const NONE: ReadonlySet<string> = new Set();

export class EditorStore {
  #state: EditorState;
  readonly #listeners = new Set<() => void>();

  constructor(graph: Graph) {
    this.#state = { graph, selectedNodes: NONE, selectedEdges: NONE, past: [], future: [], edits: 0 };
  }

  get = (): EditorState => this.#state;

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  #set(patch: Partial<EditorState>) {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }

  /** An edit the user can undo. */
  commit(graph: Graph, selection?: { nodes?: Iterable<string>; edges?: Iterable<string> }) {
    if (graph === this.#state.graph) return;
    this.#set({
      graph,
      past: [...this.#state.past.slice(-HISTORY_LIMIT + 1), this.#state.graph],
      future: [],
      edits: this.#state.edits + 1,
      ...(selection
        ? this.#selection(graph, selection.nodes ?? [], selection.edges ?? [])
        : this.#prune(graph)),
    });
  }

  /** Marks the current graph as an undo point before a gesture (a drag) that updates it many times. */
  checkpoint() {
    this.#set({ past: [...this.#state.past.slice(-HISTORY_LIMIT + 1), this.#state.graph], future: [] });
  }

  /** An intermediate step of a gesture whose undo point was set by checkpoint(). */
  update(graph: Graph) {
    this.#set({ graph, edits: this.#state.edits + 1 });
  }

  /** Replaces the graph without history: loading a saved version. */
  load(graph: Graph, keepHistory = false) {
    this.#set({
      graph,
      selectedNodes: NONE,
      selectedEdges: NONE,
      past: keepHistory ? [...this.#state.past, this.#state.graph] : [],
      future: [],
    });
  }

  undo() {
    const { past, graph, future } = this.#state;
    if (past.length === 0) return;
    const previous = past[past.length - 1];
    this.#set({
      graph: previous,
      past: past.slice(0, -1),
      future: [graph, ...future],
      edits: this.#state.edits + 1,
      ...this.#prune(previous),
    });
  }

  redo() {
    const { past, graph, future } = this.#state;
    if (future.length === 0) return;
    const next = future[0];
    this.#set({
      graph: next,
      past: [...past, graph],
      future: future.slice(1),
      edits: this.#state.edits + 1,
      ...this.#prune(next),
    });
  }

  select(nodes: Iterable<string>, edges: Iterable<string> = []) {
    this.#set(this.#selection(this.#state.graph, nodes, edges));
  }

  #selection(graph: Graph, nodes: Iterable<string>, edges: Iterable<string>) {
    const nodeIds = new Set(graph.nodes.map((node) => node.id));
    const edgeIds = new Set(graph.edges.map((edge) => edge.id));
    return {
      selectedNodes: new Set([...nodes].filter((id) => nodeIds.has(id))),
      selectedEdges: new Set([...edges].filter((id) => edgeIds.has(id))),
    };
  }

  /** Drops selected ids that the graph no longer has. */
  #prune(graph: Graph) {
    return this.#selection(graph, this.#state.selectedNodes, this.#state.selectedEdges);
  }
}

export function useEditorState<T>(store: EditorStore, select: (state: EditorState) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.get()),
  );
}
