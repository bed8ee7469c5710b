import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";

/**
 * The event bus: how one part of Strata tells others that something happened (a backtest
 * progressed, a paper order filled). In-process by default; Redis Streams when REDIS_URL is set,
 * so events outlive a process and reach every instance.
 */
export interface Bus {
  publish(topic: string, event: unknown): Promise<void>;
  /** Receives events published after the call; returns a function that stops the subscription. */
  subscribe(topic: string, handler: (event: unknown) => void): () => void;
  close(): Promise<void>;
}

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(topic, event) {
      emitter.emit(topic, event);
    },
    subscribe(topic, handler) {
      emitter.on(topic, handler);
      return () => emitter.off(topic, handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Streams are capped so a busy topic cannot fill Redis's memory. */
const STREAM_MAX_LENGTH = 10_000;

/**
 * Redis Streams bus. `reader` must be a connection of its own: XREAD BLOCK holds it while waiting.
 */
export function createRedisBus(writer: Redis, reader: Redis): Bus {
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  const lastIds = new Map<string, string>();
  let closed = false;
  let loop: Promise<void> | null = null;

  async function readLoop(): Promise<void> {
    while (!closed && handlers.size > 0) {
      const topics = [...handlers.keys()];
      const ids = topics.map((t) => lastIds.get(t) ?? "$");
      let batches: [string, [string, string[]][]][] | null;
      try {
        batches = (await reader.xread(
          "COUNT",
          100,
          "BLOCK",
          500,
          "STREAMS",
          ...topics,
          ...ids,
        )) as typeof batches;
      } catch {
        if (closed) return;
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      for (const [topic, entries] of batches ?? []) {
        for (const [id, fields] of entries) {
          lastIds.set(topic, id);
          const event = JSON.parse(fields[1] ?? "null");
          for (const handler of handlers.get(topic) ?? []) handler(event);
        }
      }
    }
    loop = null;
  }

  return {
    async publish(topic, event) {
      await writer.xadd(topic, "MAXLEN", "~", STREAM_MAX_LENGTH, "*", "event", JSON.stringify(event));
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
      }
      set.add(handler);
      loop ??= readLoop();
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(topic);
      };
    },
    async close() {
      closed = true;
      reader.disconnect();
      await loop;
    },
  };
}
