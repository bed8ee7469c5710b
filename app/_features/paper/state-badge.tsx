import { Badge } from "@/app/_components/ui/badge";

const LOOK = {
  running: { variant: "success", label: "Running" },
  paused: { variant: "warning", label: "Paused" },
  stopped: { variant: "neutral", label: "Stopped" },
  failed: { variant: "destructive", label: "Failed" },
} as const;

export type SessionState = keyof typeof LOOK;

/** A paper session's state; a running one pulses, so a glance tells it is live. */
export function StateBadge({ state }: { state: SessionState }) {
  const look = LOOK[state];
  return (
    <Badge variant={look.variant} data-testid="paper-state">
      {state === "running" && <span className="size-1.5 animate-pulse rounded-full bg-current" />}
      {look.label}
    </Badge>
  );
}
