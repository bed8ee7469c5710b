"use client";

import { useEffect, useRef } from "react";
import { io } from "socket.io-client";
import type { PaperUpdate } from "@/server/trading/runtime";

export type { PaperUpdate };

/**
 * Calls `onUpdate` for each `paper:update` the server pushes to the signed-in owner. The session
 * cookie authenticates the socket; updates for the owner's other sessions come too, so the caller
 * filters by id.
 */
export function usePaperUpdates(enabled: boolean, onUpdate: (update: PaperUpdate) => void) {
  const latest = useRef(onUpdate);
  latest.current = onUpdate;
  useEffect(() => {
    if (!enabled) return;
    const socket = io({ path: "/socket.io", transports: ["websocket"] });
    socket.on("paper:update", (update: PaperUpdate) => latest.current(update));
    return () => {
      socket.close();
    };
  }, [enabled]);
}
