import { Badge } from "@/app/_components/ui/badge";
import type { VenueStatus } from "@/server/data/status";

const TITLES: Record<string, string> = { binance: "Binance", alpaca: "Alpaca", yahoo: "Yahoo Finance" };
const WORDS: Record<VenueStatus["state"], string> = {
  ready: "ready",
  live: "live",
  syncing: "downloading",
  connecting: "connecting",
  reconnecting: "reconnecting",
  stale: "stale",
  failed: "failed",
  down: "down",
  "needs-key": "needs a key",
};

export function venueTitle(venue: string): string {
  return TITLES[venue] ?? venue;
}

function variantOf(state: VenueStatus["state"]) {
  if (state === "live" || state === "ready") return "success" as const;
  if (state === "failed" || state === "down") return "destructive" as const;
  if (state === "needs-key" || state === "stale" || state === "reconnecting") return "warning" as const;
  return "primary" as const;
}

/** One badge per venue; the detail sentence is its tooltip and its accessible description. */
export function StatusBadges({ statuses }: { statuses: readonly VenueStatus[] }) {
  return (
    <ul aria-label="Connector status" className="flex flex-wrap gap-2">
      {statuses.map((status) => (
        <li key={status.venue}>
          <Badge
            variant={variantOf(status.state)}
            title={status.detail}
            data-testid={`status-${status.venue}`}
          >
            <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
            {venueTitle(status.venue)} · {WORDS[status.state]}
            <span className="sr-only">: {status.detail}</span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}
