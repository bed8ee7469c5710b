"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { Graph } from "@/nodes/core/graph";
import type { EditorStore } from "./store";

export type SaveStatus = "saved" | "unsaved" | "saving" | "conflict" | "error";

const DEBOUNCE_MS = 1000;

/**
 * Saves the graph a second after the last edit, on top of the version it was loaded from. When
 * another tab saved first, the server answers CONFLICT and saving stops until the user chooses:
 * load the newer version (theirs wins, ours stays in undo) or keep ours as a new version.
 */
export function useAutosave(store: EditorStore, strategyId: string, initialVersion: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.strategies.save.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.strategies.versions.queryKey({ id: strategyId }) }),
    }),
  );
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [error, setError] = useState<string>();
  const base = useRef(initialVersion);
  const [version, setVersion] = useState(initialVersion);
  const savedGraph = useRef<Graph>(store.get().graph);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inFlight = useRef(false);
  const statusRef = useRef(status);
  statusRef.current = status;

  const flush = useCallback(
    async (force = false) => {
      clearTimeout(timer.current);
      if (inFlight.current) return;
      const graph = store.get().graph;
      if (!force && graph === savedGraph.current) {
        setStatus("saved");
        return;
      }
      inFlight.current = true;
      setStatus("saving");
      try {
        const result = await save.mutateAsync({ id: strategyId, graph, baseVersion: base.current, force });
        base.current = result.version;
        setVersion(result.version);
        savedGraph.current = graph;
        inFlight.current = false;
        if (store.get().graph !== graph) void flush();
        else setStatus("saved");
      } catch (caught) {
        inFlight.current = false;
        const code = (caught as { data?: { code?: string } })?.data?.code;
        if (code === "CONFLICT") {
          setStatus("conflict");
        } else {
          setError(errorMessage(caught));
          setStatus("error");
        }
      }
    },
    [save, store, strategyId],
  );

  useEffect(
    () =>
      store.subscribe(() => {
        if (store.get().graph === savedGraph.current || statusRef.current === "conflict") return;
        if (!inFlight.current) setStatus("unsaved");
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
      }),
    [store, flush],
  );

  // Leaving with unsaved edits asks first; the debounce would otherwise drop the last second.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (store.get().graph !== savedGraph.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timer.current);
    };
  }, [store]);

  return {
    status,
    /** The version the canvas builds on: the last one saved or loaded. */
    version,
    error,
    /** Saves now, ignoring the debounce: the retry button, Ctrl+S. */
    saveNow: () => void flush(),
    /** Keeps this tab's graph as a new version on top of the other tab's. */
    keepMine: () => void flush(true),
    /** After loading the server's head: edits from here on build on it. */
    adopt: (graph: Graph, next: number) => {
      clearTimeout(timer.current);
      base.current = next;
      setVersion(next);
      savedGraph.current = graph;
      setStatus("saved");
    },
  };
}
