"use client";

import { useEffect, useRef } from "react";
import { io } from "socket.io-client";
import type { BacktestUpdate } from "@/server/jobs/backtests";

export type { BacktestUpdate };

export const FINISHED: ReadonlySet<BacktestUpdate["status"]> = new Set(["succeeded", "failed", "cancelled"]);

/**
 * Calls `onUpdate` for each `backtest:update` the server pushes to the signed-in owner while
 * `enabled`. The session cookie authenticates the socket; updates for other runs are passed on
 * too, so the caller filters by id.
 */
export function useBacktestUpdates(enabled: boolean, onUpdate: (update: BacktestUpdate) => void) {
  const latest = useRef(onUpdate);
  latest.current = onUpdate;
  useEffect(() => {
    if (!enabled) return;
    const socket = io({ path: "/socket.io", transports: ["websocket"] });
    socket.on("backtest:update", (update: BacktestUpdate) => latest.current(update));
    return () => {
      socket.close();
    };
  }, [enabled]);
}
