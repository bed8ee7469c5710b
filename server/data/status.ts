import type { FeedStatus, LiveFeed } from "@/engine-runtime/connectors/core/types";

/** What the Data page and live views show for one venue. */
export type VenueState = FeedStatus | "ready" | "syncing" | "failed" | "needs-key";

export interface VenueStatus {
  venue: string;
  state: VenueState;
  /** A sentence: what happened last, or what to do. */
  detail: string;
  at: number;
}

/**
 * The latest known state of each venue per user: the outcome of their last sync, or the status of
 * a live feed they run (paper and live sessions register theirs with `track`).
 */
export class ConnectorStatusBoard {
  readonly #states = new Map<string, Map<string, VenueStatus>>();

  set(userId: string, venue: string, state: VenueState, detail: string): void {
    const venues = this.#states.get(userId) ?? new Map<string, VenueStatus>();
    this.#states.set(userId, venues);
    venues.set(venue, { venue, state, detail, at: Date.now() });
  }

  get(userId: string, venue: string): VenueStatus | undefined {
    return this.#states.get(userId)?.get(venue);
  }

  /** Mirrors a live feed's status until it goes down; returns the function that stops mirroring. */
  track(userId: string, venue: string, feed: LiveFeed): () => void {
    this.set(userId, venue, feed.status, `The ${venue} feed is ${feed.status}.`);
    return feed.onStatus((status, reason) => this.set(userId, venue, status, sentence(reason)));
  }
}

const sentence = (text: string) => {
  const trimmed = text.trim();
  if (!trimmed) return "";
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};
