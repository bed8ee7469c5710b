import { readFileSync } from "node:fs";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "@/engine-runtime/compiler";
import { parseBarsCsv } from "@/engine-runtime/data/csv";
import { runBatch } from "@/engine-runtime/executor";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import type { BacktestUpdate } from "@/server/jobs/backtests";
import { type Client, openSocket, signedUpClient } from "@/server/testing/client";
import { startTestServer, type TestServer } from "@/server/testing/server";
import { saveStrategy } from "@/server/testing/strategies";

/**
 * Backtests run as jobs: started over tRPC, simulated in a worker thread, progress pushed to the
 * owner's sockets, results stored with the backtest row. Real server, real database, real worker.
 */
let server: TestServer;
let owner: { client: Client; userId: string };
let strategyId: string;

function updates(socket: Socket, id: string): { seen: BacktestUpdate[]; finished: Promise<BacktestUpdate> } {
  const seen: BacktestUpdate[] = [];
  const finished = new Promise<BacktestUpdate>((resolve) =>
    socket.on("backtest:update", (update: BacktestUpdate) => {
      if (update.id !== id) return;
      seen.push(update);
      if (["succeeded", "failed", "cancelled"].includes(update.status)) resolve(update);
    }),
  );
  return { seen, finished };
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await signedUpClient(server.url);
  strategyId = await saveStrategy(server.services.db, owner.userId, smaCrossoverGraph(10, 30));
});
afterAll(async () => server?.close());

describe("backtest jobs", () => {
  it("runs a saved version in a worker, streams progress to the owner and stores the report", async () => {
    const socket = await openSocket(server.url, owner.client);
    const settings = { initialCash: 25_000.5, defaultQuantity: 10, commission: { perOrder: 1 } };
    const started = await owner.client.call("backtests.start", {
      strategyId,
      dataset: "sample:orcl-1995-2014",
      settings,
    });
    expect(started.status, started.error).toBe(200);
    const { id } = started.data as { id: string };
    const { seen, finished } = updates(socket, id);
    const last = await finished;
    socket.close();
    expect(last.status, last.error).toBe("succeeded");
    expect(
      seen.some((u) => u.status === "running" && u.progress > 0 && u.progress < 1),
      "progress arrives while it runs",
    ).toBe(true);

    const stored = await owner.client.call("backtests.get", { id }, "query");
    const backtest = stored.data as {
      status: string;
      progress: number;
      initialCash: string;
      finalEquity: string;
      result: {
        metrics: { finalEquity: number; trades: number };
        trades: unknown[];
        equity: [number, number][];
      };
    };
    expect(backtest.status).toBe("succeeded");
    expect(backtest.progress).toBe(1);
    expect(backtest.initialCash, "money is stored as NUMERIC and returned exactly").toBe("25000.5");

    // The same plan run in this process on the same file gives the same outcome as the job.
    const bars = parseBarsCsv(readFileSync("public/samples/orcl-1995-2014.csv", "utf8"));
    if (!bars.ok) throw new Error("sample file did not parse");
    const reference = runBatch(compile(smaCrossoverGraph(10, 30)).plan!, bars.bars, settings);
    expect(backtest.result.metrics.trades, "trade count equals an in-process run").toBe(
      reference.metrics.trades,
    );
    expect(reference.metrics.trades, "an SMA 10/30 crossover trades on 20 years of ORCL").toBeGreaterThan(50);
    expect(
      Number(backtest.finalEquity),
      "final equity equals an in-process run, rounded to 8 decimals",
    ).toBeCloseTo(reference.metrics.finalEquity, 7);
    expect(backtest.result.equity.length, "the equity curve is thinned for storage").toBeLessThanOrEqual(
      1500,
    );
  });

  it("cancels a queued or running backtest", async () => {
    const started = await owner.client.call("backtests.start", {
      strategyId,
      dataset: "sample:yhoo-1996-2014",
    });
    const { id } = started.data as { id: string };
    const cancelled = await owner.client.call("backtests.cancel", { id });
    // A tiny backtest may finish before the cancel arrives; then cancel says so.
    if (cancelled.status === 200) {
      const row = await owner.client.call("backtests.get", { id }, "query");
      expect((row.data as { status: string }).status).toBe("cancelled");
    } else {
      expect(cancelled.error).toBe("This backtest has already finished.");
    }
  });

  it("refuses unknown datasets, versions with problems and other users' strategies", async () => {
    const unknown = await owner.client.call("backtests.start", { strategyId, dataset: "sample:nope" });
    expect(unknown.error).toBe('dataset: there is no dataset "sample:nope".');

    const broken = smaCrossoverGraph(10, 30);
    broken.nodes[1]!.params = { period: 1 };
    const brokenId = await saveStrategy(server.services.db, owner.userId, broken);
    const refused = await owner.client.call("backtests.start", {
      strategyId: brokenId,
      dataset: "sample:2006-day-001",
    });
    expect(refused.error).toBe(
      "Version 1 has problems that stop it from running. Fix them in the editor, then run the backtest again.",
    );

    const intruder = await signedUpClient(server.url);
    const foreign = await intruder.client.call("backtests.start", {
      strategyId,
      dataset: "sample:2006-day-001",
    });
    expect(foreign.status).toBe(404);
    expect(foreign.error).toBe("This strategy does not exist or is not yours.");
    const ownerRuns = await owner.client.call("backtests.list", { strategyId }, "query");
    const firstId = (ownerRuns.data as { id: string }[])[0]!.id;
    const peek = await intruder.client.call("backtests.get", { id: firstId }, "query");
    expect(peek.error, "another user's backtest is invisible").toBe(
      "This backtest does not exist or is not yours.",
    );
    const cancel = await intruder.client.call("backtests.cancel", { id: firstId });
    expect(cancel.status, "and cannot be cancelled by them").toBe(404);
    const theirList = await intruder.client.call("backtests.list", {}, "query");
    expect(theirList.data, "lists show only one's own runs").toEqual([]);
  });

  it("validates run settings with sentences naming the field", async () => {
    const bad = await owner.client.call("backtests.start", {
      strategyId,
      dataset: "sample:2006-day-001",
      settings: { initialCash: -5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.error).toMatch(/^settings\.initialCash: /);
  });
});
