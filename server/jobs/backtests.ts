import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { BarColumns } from "@/engine-runtime/data/bars";
import type { RunSettings } from "@/engine-runtime/execution/settings";
import type { Bus } from "@/server/bus/bus";
import type { Database } from "@/server/db/client";
import type { Metrics } from "@/server/ops/metrics";
import { USER_EVENTS_TOPIC, type UserEvent } from "@/server/realtime/events";
import type { BacktestJobInput, BacktestWorkerMessage } from "./backtest.worker";

/** What the owner's browser hears about a backtest, as it runs. */
export interface BacktestUpdate {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  progress: number;
  stage: string;
  error?: string;
}

interface Job {
  id: string;
  ownerId: string;
  input: BacktestJobInput;
  /** Reads a user's dataset from the database here, since the worker has no connection. */
  load?: () => Promise<BarColumns>;
  worker?: Worker;
}

/**
 * Runs backtests in worker threads of this process, a few at a time (one fewer than the cores,
 * so the web server stays responsive), in the order they were asked for.
 */
export class BacktestRunner {
  readonly #queue: Job[] = [];
  readonly #running = new Map<string, Job>();
  readonly #concurrency: number;
  #closed = false;

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
    concurrency = Math.max(1, availableParallelism() - 1),
  ) {
    this.#concurrency = concurrency;
  }

  /** Backtests left running or queued by a process that stopped cannot finish; say so on their rows. */
  async recoverInterrupted(): Promise<number> {
    const { count } = await this.db.prisma.backtest.updateMany({
      where: { status: { in: ["queued", "running"] } },
      data: {
        status: "failed",
        error: "Strata restarted while this backtest was running. Run it again.",
        finishedAt: new Date(),
      },
    });
    return count;
  }

  enqueue(
    id: string,
    ownerId: string,
    plan: unknown,
    dataset: string,
    settings: RunSettings,
    load?: () => Promise<BarColumns>,
  ): void {
    if (this.#closed) throw new Error("Strata is shutting down; try again in a moment.");
    this.#queue.push({ id, ownerId, input: { plan, dataset, settings }, load });
    void this.#emit(ownerId, { id, status: "queued", progress: 0, stage: "Waiting for a free worker" });
    this.#pump();
  }

  /** Stops a queued or running backtest of this owner; false when there is none. */
  async cancel(id: string, ownerId: string): Promise<boolean> {
    const queued = this.#queue.findIndex((job) => job.id === id && job.ownerId === ownerId);
    const job = queued >= 0 ? this.#queue.splice(queued, 1)[0] : this.#running.get(id);
    if (!job || job.ownerId !== ownerId) return false;
    this.#running.delete(id);
    await job.worker?.terminate();
    await this.#finish(job, "cancelled", { error: "Cancelled by you." });
    this.#pump();
    return true;
  }

  /** Lets running backtests finish for up to `graceMs`, then stops them and records why. */
  async close(graceMs = 10_000): Promise<void> {
    this.#closed = true;
    const waiting = this.#queue.splice(0);
    for (const job of waiting)
      await this.#finish(job, "failed", {
        error: "Strata shut down before this backtest started. Run it again.",
      });
    const deadline = Date.now() + graceMs;
    while (this.#running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const job of [...this.#running.values()]) {
      this.#running.delete(job.id);
      await job.worker?.terminate();
      await this.#finish(job, "failed", {
        error: "Strata shut down while this backtest was running. Run it again.",
      });
    }
  }

  #pump(): void {
    while (!this.#closed && this.#running.size < this.#concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      this.#running.set(job.id, job);
      void this.#start(job);
    }
  }

  async #start(job: Job): Promise<void> {
    await this.db.prisma.backtest.update({
      where: { id: job.id },
      data: { status: "running", startedAt: new Date() },
    });
    let bars: BarColumns | undefined;
    try {
      bars = await job.load?.();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.#end(job, "failed", { error: `The price data could not be loaded: ${reason}` });
    }
    if (!this.#running.has(job.id)) return;
    const worker = new Worker(new URL("./backtest-worker-entry.mjs", import.meta.url), {
      workerData: { ...job.input, bars },
    });
    job.worker = worker;
    worker.on("message", (message: BacktestWorkerMessage) => void this.#onMessage(job, message));
    worker.on(
      "error",
      (error) =>
        void this.#end(job, "failed", { error: `The backtest stopped unexpectedly: ${error.message}` }),
    );
    worker.on("exit", (code) => {
      if (this.#running.has(job.id))
        void this.#end(job, "failed", { error: `The backtest stopped unexpectedly (exit code ${code}).` });
    });
  }

  async #onMessage(job: Job, message: BacktestWorkerMessage): Promise<void> {
    if (!this.#running.has(job.id)) return;
    if (message.type === "progress") {
      await this.db.prisma.backtest.update({ where: { id: job.id }, data: { progress: message.progress } });
      await this.#emit(job.ownerId, {
        id: job.id,
        status: "running",
        progress: message.progress,
        stage: message.stage,
      });
    } else if (message.type === "done") {
      await this.#end(job, "succeeded", { report: message.report });
    } else {
      await this.#end(job, "failed", { error: message.error });
    }
  }

  async #end(
    job: Job,
    status: "succeeded" | "failed",
    outcome: { report?: unknown; error?: string },
  ): Promise<void> {
    if (!this.#running.delete(job.id)) return;
    void job.worker?.terminate();
    await this.#finish(job, status, outcome);
    this.#pump();
  }

  async #finish(
    job: Job,
    status: "succeeded" | "failed" | "cancelled",
    { report, error }: { report?: unknown; error?: string },
  ): Promise<void> {
    const metrics = (
      report as
        | {
            metrics?: {
              finalEquity: number;
              totalReturn: number;
              sharpe: number | null;
              maxDrawdown: number;
              trades: number;
            };
          }
        | undefined
    )?.metrics;
    try {
      await this.db.prisma.backtest.update({
        where: { id: job.id },
        data: {
          status,
          progress: status === "succeeded" ? 1 : undefined,
          error: error ?? null,
          finishedAt: new Date(),
          result: report === undefined ? undefined : (report as object),
          // Money is NUMERIC: the engine's float equity is rounded to 8 decimals on the way in.
          finalEquity: metrics ? metrics.finalEquity.toFixed(8) : undefined,
          resultSummary: metrics
            ? {
                totalReturn: metrics.totalReturn,
                sharpe: metrics.sharpe,
                maxDrawdown: metrics.maxDrawdown,
                trades: metrics.trades,
              }
            : undefined,
        },
      });
    } catch (cause) {
      this.log.error({ err: cause, backtestId: job.id }, "could not record a backtest's outcome");
    }
    this.metrics?.jobs.inc({ kind: "backtest", outcome: status });
    await this.#emit(job.ownerId, {
      id: job.id,
      status,
      progress: status === "succeeded" ? 1 : 0,
      stage: status === "succeeded" ? "Done" : status === "cancelled" ? "Cancelled" : "Failed",
      error,
    });
  }

  async #emit(userId: string, update: BacktestUpdate): Promise<void> {
    const event: UserEvent = { userId, event: "backtest:update", payload: update };
    await this.bus
      .publish(USER_EVENTS_TOPIC, event)
      .catch((err) => this.log.warn({ err }, "could not publish a backtest update"));
  }
}
