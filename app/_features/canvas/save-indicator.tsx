import { cn } from "@/app/_lib/cn";
import type { SaveStatus } from "./use-autosave";

const WORDS: Record<SaveStatus, string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  conflict: "Conflict",
  error: "Not saved",
};

/** Where the user's work stands: always visible, announced when it changes. */
export function SaveIndicator({
  status,
  version,
  error,
  onRetry,
}: {
  status: SaveStatus;
  version: number;
  error?: string;
  onRetry: () => void;
}) {
  return (
    <span className="flex items-center gap-2 text-xs">
      <span
        role="status"
        data-testid="save-status"
        title={status === "error" ? error : `Version ${version}`}
        className={cn(
          "inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5",
          status === "saved" && "border-border text-muted-foreground",
          status === "unsaved" && "border-border text-muted-foreground",
          status === "saving" && "border-primary/30 text-primary",
          (status === "conflict" || status === "error") && "border-destructive/40 text-destructive",
        )}
      >
        <span
          className={cn(
            "size-1.5 rounded-full",
            status === "saved" && "bg-success",
            status === "unsaved" && "bg-amber-500",
            status === "saving" && "animate-pulse bg-primary",
            (status === "conflict" || status === "error") && "bg-destructive",
          )}
          aria-hidden="true"
        />
        {WORDS[status]}
      </span>
      <span className="font-mono text-[11px] text-muted-foreground">v{version}</span>
      {status === "error" && (
        <button type="button" className="cursor-pointer text-primary hover:underline" onClick={onRetry}>
          Retry
        </button>
      )}
    </span>
  );
}
