"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { cn } from "@/app/_lib/cn";

export interface Toast {
  id: number;
  title: string;
  description?: string;
  tone?: "info" | "error" | "success";
}

const ToastContext = createContext<((toast: Omit<Toast, "id">) => void) | null>(null);

let nextId = 1;

/** Short-lived messages in a corner, announced politely to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((toast: Omit<Toast, "id">) => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-3), { ...toast, id }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 5000);
  }, []);
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <section
        aria-live="polite"
        aria-label="Notifications"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role="status"
            data-testid="toast"
            className={cn(
              "pointer-events-auto rounded-lg border bg-card px-4 py-3 text-sm shadow-lg",
              toast.tone === "error" && "border-destructive/40",
              toast.tone === "success" && "border-success/40",
            )}
          >
            <div className={cn("font-medium", toast.tone === "error" && "text-destructive")}>
              {toast.title}
            </div>
            {toast.description && <div className="mt-1 text-muted-foreground">{toast.description}</div>}
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast() {
  const push = useContext(ToastContext);
  if (!push) throw new Error("useToast needs a ToastProvider above it.");
  return push;
}
