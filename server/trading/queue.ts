import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { PaperRuntime } from "./runtime";

/**
 * The work queue of paper sessions, with Redis: a stream where the web process appends a session
 * when it is started or resumed, read by every runner in one consumer group so that each entry
 * goes to one runner. Delivery is at least once; the session's lease, not the queue, guarantees
 * that a session runs in one place, so a duplicated or re-delivered entry is harmless.
 */
export const SESSION_QUEUE = "strata:paper:sessions";
export const RUNNERS_GROUP = "strata:paper:runners";

/** The stream is capped; entries are settled within milliseconds, so only settled ones are trimmed. */
const QUEUE_MAX_LENGTH = 10_000;
/** How long one XREADGROUP waits, and so how long closing a consumer can take. */
const READ_BLOCK_MS = 1_000;

/**
 * Deletes consumer ARGV[2] from group ARGV[1] of stream KEYS[1] if nothing is pending for it, in
 * one step: DELCONSUMER drops a consumer's pending entries, so the check and the delete must not
 * be split by a read. Returns 1 when it was deleted. (Our own fixed script; nothing of a user's.)
 */
const FORGET_IF_SETTLED = `
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then return 0 end
redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/** The web process's side: announces a session that should run. */
export class SessionQueue {
  readonly #redis: Redis;
  readonly stream: string;

  constructor(redis: Redis, stream = SESSION_QUEUE) {
    this.#redis = redis;
    this.stream = stream;
  }

  /** Appends the session; returns the entry's id. */
  async enqueue(sessionId: string): Promise<string> {
    return (await this.#redis.xadd(this.stream, "MAXLEN", "~", QUEUE_MAX_LENGTH, "*", "session", sessionId))!;
  }
}

export interface SessionQueueConsumerOptions {
  /** A connection of its own (XREADGROUP BLOCK holds it while waiting), closed with the consumer. */
  redis: Redis;
  runtime: PaperRuntime;
  log: Logger;
  stream?: string;
  /**
   * How long an entry read by a runner that never settled it (it died between reading and claiming
   * the lease) waits before another runner takes it over with XAUTOCLAIM.
   */
  claimIdleMs?: number;
  /**
   * How long a consumer with nothing pending may stay silent before another runner removes it
   * from the group: a runner killed without closing leaves its consumer behind, and the group's
   * list of consumers would only grow. A live runner removed while it waits for room is added
   * back by its next read.
   */
  departedIdleMs?: number;
}

/**
 * A runner's side of the queue. An entry is acknowledged only once its session runs here or is
 * found to be another runtime's, paused, stopped or gone; until then it stays pending in the group,
 * and another runner takes it over once it has been idle for `claimIdleMs`. The consumer reads
 * only while its runtime has room, so a full runner leaves new sessions to the others.
 */
export class SessionQueueConsumer {
  readonly #redis: Redis;
  readonly #runtime: PaperRuntime;
  readonly #log: Logger;
  readonly #stream: string;
  readonly #claimIdleMs: number;
  readonly #departedIdleMs: number;
  readonly #consumer: string;
  #closed = false;
  #loop: Promise<void> = Promise.resolve();

  constructor(options: SessionQueueConsumerOptions) {
    this.#redis = options.redis;
    this.#runtime = options.runtime;
    this.#log = options.log;
    this.#stream = options.stream ?? SESSION_QUEUE;
    this.#claimIdleMs = options.claimIdleMs ?? 15_000;
    this.#departedIdleMs = options.departedIdleMs ?? 600_000;
    this.#consumer = options.runtime.instanceId;
  }

  start(): void {
    this.#loop = this.#consume();
  }

  /** Stops reading; leaves the group when nothing is pending here, then closes the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#loop;
    try {
      const pending = (await this.#redis.xpending(
        this.#stream,
        RUNNERS_GROUP,
        "-",
        "+",
        1,
        this.#consumer,
      )) as unknown[];
      if (pending.length === 0)
        await this.#redis.xgroup("DELCONSUMER", this.#stream, RUNNERS_GROUP, this.#consumer);
    } catch (err) {
      this.#log.warn({ err }, "Could not leave the paper session queue's consumer group.");
    }
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  async #consume(): Promise<void> {
    let joined = false;
    let reclaimAt = 0;
    let forgetAt = 0;
    while (!this.#closed) {
      try {
        if (!joined) {
          await this.#joinGroup();
          joined = true;
        }
        if (!this.#runtime.hasRoom) {
          await sleep(READ_BLOCK_MS);
          continue;
        }
        if (Date.now() >= reclaimAt) {
          await this.#reclaim();
          reclaimAt = Date.now() + this.#claimIdleMs / 3;
        }
        // A consumer is departed only after departedIdleMs, so looking a few times per span is enough.
        if (Date.now() >= forgetAt) {
          await this.#forgetDeparted();
          forgetAt = Date.now() + this.#departedIdleMs / 4;
        }
        const batches = (await this.#redis.xreadgroup(
          "GROUP",
          RUNNERS_GROUP,
          this.#consumer,
          "COUNT",
          1,
          "BLOCK",
          READ_BLOCK_MS,
          "STREAMS",
          this.#stream,
          ">",
        )) as [string, [string, string[]][]][] | null;
        for (const [, entries] of batches ?? []) {
          for (const [entryId, fields] of entries) await this.#settle(entryId, fields);
        }
      } catch (err) {
        if (this.#closed) return;
        // The stream or the group was deleted (a flushed Redis): create them again.
        if (String(err).includes("NOGROUP")) joined = false;
        this.#log.warn({ err }, "Could not read the paper session queue; trying again.");
        await sleep(READ_BLOCK_MS);
      }
    }
  }

  /** Creates the group from the stream's start, so sessions queued before any runner existed are read. */
  async #joinGroup(): Promise<void> {
    try {
      await this.#redis.xgroup("CREATE", this.#stream, RUNNERS_GROUP, "0", "MKSTREAM");
    } catch (err) {
      if (!String(err).includes("BUSYGROUP")) throw err;
    }
  }

  /** Takes over entries that another runner read and never settled, one at a time while there is room. */
  async #reclaim(): Promise<void> {
    let cursor = "0-0";
    do {
      const [next, entries] = (await this.#redis.xautoclaim(
        this.#stream,
        RUNNERS_GROUP,
        this.#consumer,
        this.#claimIdleMs,
        cursor,
        "COUNT",
        1,
      )) as [string, [string, string[] | null][]];
      for (const [entryId, fields] of entries) {
        this.#log.info({ entryId }, "Took over a paper session entry another runner left unsettled.");
        await this.#settle(entryId, fields);
      }
      cursor = next;
    } while (cursor !== "0-0" && !this.#closed && this.#runtime.hasRoom);
  }

  /** Removes consumers that left without closing (see departedIdleMs). */
  async #forgetDeparted(): Promise<void> {
    const consumers = (await this.#redis.xinfo("CONSUMERS", this.#stream, RUNNERS_GROUP)) as unknown[][];
    for (const fields of consumers) {
      // Each consumer is a flat list of names and values: name, pending, idle (and more on newer Redis).
      const info = new Map<unknown, unknown>();
      for (let k = 0; k + 1 < fields.length; k += 2) info.set(fields[k], fields[k + 1]);
      const name = String(info.get("name"));
      if (name === this.#consumer || Number(info.get("pending")) > 0) continue;
      if (Number(info.get("idle")) < this.#departedIdleMs) continue;
      const forgotten = await this.#redis.eval(FORGET_IF_SETTLED, 1, this.#stream, RUNNERS_GROUP, name);
      if (forgotten === 1)
        this.#log.info({ consumer: name }, "Removed a departed runner from the paper session queue.");
    }
  }

  async #settle(entryId: string, fields: string[] | null): Promise<void> {
    const at = fields?.indexOf("session") ?? -1;
    const sessionId = at >= 0 ? fields?.[at + 1] : undefined;
    if (sessionId) {
      const outcome = await this.#runtime.take(sessionId);
      // Left pending: a runner with room takes it over once it has been idle long enough.
      if (outcome === "full") return;
      this.#log.debug({ entryId, sessionId, outcome }, "Settled a paper session entry.");
    } else {
      this.#log.warn({ entryId, fields }, "Dropped a paper session entry that names no session.");
    }
    await this.#redis.xack(this.#stream, RUNNERS_GROUP, entryId);
  }
}
