"use client";

import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import type { DataSyncUpdate } from "@/server/data/service";

/**
 * Downloads in progress, by dataset id, as the server pushes them over socket.io (`data:sync`).
 * `onSettled` runs when one finishes or fails, so lists can refresh.
 */
export function useSyncUpdates(enabled: boolean, onSettled: (update: DataSyncUpdate) => void) {
  const [updates, setUpdates] = useState<Record<string, DataSyncUpdate>>({});
  useEffect(() => {
    if (!enabled) return;
    const socket = io({ path: "/socket.io", transports: ["websocket"] });
    socket.on("data:sync", (update: DataSyncUpdate) => {
      setUpdates((all) => ({ ...all, [update.id]: update }));
      if (update.status !== "syncing") onSettled(update);
    });
    return () => {
      socket.close();
    };
  }, [enabled, onSettled]);
  return updates;
}
