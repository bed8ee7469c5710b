"use client";

import { useEffect, useRef, useState } from "react";
import type { BarColumns } from "@/engine-runtime/data/bars";
import type { Plan } from "@/engine-runtime/plan/schema";
import type { PreviewRequest, PreviewResponse, PreviewResult } from "./protocol";

export interface PreviewState {
  status: "idle" | "running" | "done" | "error";
  result?: PreviewResult;
  bars?: BarColumns;
  error?: string;
}

/**
 * Runs the plan in a Web Worker whenever the plan (by hash) or the dataset changes. Each request
 * carries a generation number; a result older than the newest request is dropped, so a newer edit
 * always wins over a preview still running.
 */
export function usePreview(plan: Plan | undefined, hash: string | undefined, dataset: string): PreviewState {
  const worker = useRef<Worker | null>(null);
  const generation = useRef(0);
  const barsByDataset = useRef(new Map<string, BarColumns>());
  const [state, setState] = useState<PreviewState>({ status: "idle" });
  const latest = useRef({ plan, dataset });
  latest.current = { plan, dataset };

  useEffect(() => {
    const instance = new Worker(new URL("./preview.worker.ts", import.meta.url), { type: "module" });
    worker.current = instance;
    instance.onmessage = (event: MessageEvent<PreviewResponse>) => {
      const message = event.data;
      if (message.type === "bars") {
        barsByDataset.current.set(message.dataset, message.bars);
        return;
      }
      if (message.generation !== generation.current) return;
      performance.mark("preview:received");
      if (message.type === "error") {
        setState((s) => ({ ...s, status: "error", error: message.message }));
        return;
      }
      const { type: _type, ...result } = message;
      setState({ status: "done", result, bars: barsByDataset.current.get(result.dataset) });
    };
    instance.onerror = (event) => {
      setState((s) => ({
        ...s,
        status: "error",
        error: event.message || "The preview stopped unexpectedly.",
      }));
    };
    return () => {
      instance.terminate();
      worker.current = null;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the hash stands for the plan's content
  useEffect(() => {
    const { plan } = latest.current;
    if (!plan || !worker.current) {
      generation.current++;
      setState((s) => (s.status === "idle" ? s : { ...s, status: "idle" }));
      return;
    }
    generation.current++;
    const request: PreviewRequest = { type: "run", generation: generation.current, plan, dataset };
    worker.current.postMessage(request);
    performance.mark("preview:sent");
    setState((s) => ({ ...s, status: "running" }));
  }, [hash, dataset]);

  return state;
}
