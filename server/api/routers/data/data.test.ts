import { readFileSync } from "node:fs";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBars, type EncodedBars } from "@/app/_features/data/bars";
import { compile } from "@/engine-runtime/compiler";
import { createAlpacaConnector } from "@/engine-runtime/connectors/alpaca/connector";
import { FakeAlpaca } from "@/engine-runtime/connectors/alpaca/fake-server";
import { createBinanceConnector } from "@/engine-runtime/connectors/binance/connector";
import { FakeBinance } from "@/engine-runtime/connectors/binance/fake-server";
import type { Bar } from "@/engine-runtime/data/bars";
import { parseBarsCsv } from "@/engine-runtime/data/csv";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import type { DataSyncUpdate, DatasetSummary } from "@/server/data/service";
import type { BacktestUpdate } from "@/server/jobs/backtests";
import { type Client, openSocket, signedUpClient } from "@/server/testing/client";
import { startTestServer, type TestServer } from "@/server/testing/server";

/**
 * The Data page's API on the real server and database: uploads (whole and in parts), the parser's
 * sentences, ownership, encrypted API keys, venue downloads from fake venues with progress over
 * socket.io, and backtests on a user's own dataset.
 */
const dayCsv = readFileSync("public/samples/2006-day-001.csv", "utf8");
const reference = parseBarsCsv(dayCsv);
if (!reference.ok) throw new Error("the sample did not parse");

let server: TestServer;
let binance: FakeBinance;
let alpaca: FakeAlpaca;
let owner: { client: Client; userId: string };
let other: { client: Client; userId: string };
const ALPACA_KEY = { keyId: "PKTESTKEY00001234", secretKey: "s3cr3t-alpaca-secret-value" };

beforeAll(async () => {
  server = await startTestServer();
  binance = await new FakeBinance().start();
  alpaca = await new FakeAlpaca(ALPACA_KEY).start();
  const quiet = { info() {}, warn() {} };
  server.services.data.connectors = (venue, key) =>
    venue === "binance"
      ? createBinanceConnector({ restUrl: binance.httpUrl, streamUrl: binance.wsUrl }, { logger: quiet })
      : createAlpacaConnector(
          {
            keyId: key?.keyId ?? "",
            secretKey: key?.secretKey ?? "",
            dataUrl: alpaca.httpUrl,
            httpAttempts: 1,
          },
          { logger: quiet },
        );
  owner = await signedUpClient(server.url);
  other = await signedUpClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await binance?.close();
  await alpaca?.close();
});

async function datasets(client: Client): Promise<DatasetSummary[]> {
  const answer = await client.call("data.datasets", undefined, "query");
  expect(answer.status, answer.error).toBe(200);
  return answer.data as DatasetSummary[];
}

async function upload(client: Client, name: string, csv: string, extra: object = {}) {
  return client.call("data.upload", { name, csv, ...extra });
}

function syncUpdates(socket: Socket, id: string) {
  const seen: DataSyncUpdate[] = [];
  const finished = new Promise<DataSyncUpdate>((resolve) =>
    socket.on("data:sync", (update: DataSyncUpdate) => {
      if (update.id !== id) return;
      seen.push(update);
      if (update.status !== "syncing") resolve(update);
    }),
  );
  return { seen, finished };
}

describe("datasets", () => {
  it("lists the bundled samples for a new user, with their size and range", async () => {
    const list = await datasets(owner.client);
    const day = list.find((d) => d.id === "sample:2006-day-001");
    expect(day, "every sample is listed").toBeDefined();
    expect(day!.bars, "the file has 255 daily bars").toBe(255);
    expect(new Date(day!.first!).toISOString().slice(0, 10), "the first bar of 2006").toBe("2006-01-02");
    expect(day!.deletable, "samples belong to everyone").toBe(false);
  });

  it("stores an uploaded CSV for its owner only, with its timeframe inferred", async () => {
    const stored = await upload(owner.client, "My index", dayCsv);
    expect(stored.status, stored.error).toBe(200);
    const { dataset } = stored.data as { dataset: DatasetSummary };
    expect(dataset.id).toMatch(/^upload:/);
    expect(dataset.timeframe, "one bar a trading day is daily").toBe("1d");
    expect(dataset.bars).toBe(255);
    expect(dataset.gaps, "an upload has no known gaps").toEqual([]);
    expect(dataset.coverage[0]!.from).toBe(reference.bars.time[0]);

    expect(
      (await datasets(owner.client)).map((d) => d.id),
      "the owner sees it",
    ).toContain(dataset.id);
    expect(
      (await datasets(other.client)).map((d) => d.id),
      "no one else does",
    ).not.toContain(dataset.id);

    const bars = await owner.client.call("data.bars", { id: dataset.id }, "query");
    const decoded = decodeBars(bars.data as EncodedBars);
    expect(Array.from(decoded.close), "the stored closes are the file's").toEqual(
      Array.from(reference.bars.close),
    );
    expect(Array.from(decoded.time)).toEqual(Array.from(reference.bars.time));
    const lastTen = decodeBars(
      (await owner.client.call("data.bars", { id: dataset.id, last: 10 }, "query")).data as EncodedBars,
    );
    expect(Array.from(lastTen.close), "`last` gives the newest bars").toEqual(
      Array.from(reference.bars.close.slice(-10)),
    );

    const peek = await other.client.call("data.bars", { id: dataset.id }, "query");
    expect(peek.status, "another user's dataset is invisible").toBe(404);
    expect(peek.error).toBe("This dataset does not exist or is not yours.");
    const remove = await other.client.call("data.deleteDataset", { id: dataset.id });
    expect(remove.status, "and cannot be deleted by them").toBe(404);

    const removed = await owner.client.call("data.deleteDataset", { id: dataset.id });
    expect(removed.status, removed.error).toBe(200);
    expect((await datasets(owner.client)).map((d) => d.id)).not.toContain(dataset.id);
  });

  it("assembles a file sent in parts, and refuses parts out of order", async () => {
    const third = Math.ceil(dayCsv.length / 3);
    const parts = [dayCsv.slice(0, third), dayCsv.slice(third, 2 * third), dayCsv.slice(2 * third)];
    const uploadId = "parts-test-0001";
    const answers = [];
    for (const [part, csv] of parts.entries()) {
      answers.push(await upload(owner.client, "In parts", csv, { uploadId, part, parts: 3 }));
    }
    expect(
      answers.map((a) => (a.data as { received: number }).received),
      "each part is acknowledged",
    ).toEqual([1, 2, 3]);
    expect(
      (answers[0]!.data as { dataset: unknown }).dataset,
      "nothing is stored before the last part",
    ).toBeNull();
    expect(
      (answers[2]!.data as { dataset: DatasetSummary }).dataset.bars,
      "the parts make the whole file",
    ).toBe(255);

    await upload(owner.client, "Skips", parts[0]!, { uploadId: "parts-test-0002", part: 0, parts: 3 });
    const skipped = await upload(owner.client, "Skips", parts[2]!, {
      uploadId: "parts-test-0002",
      part: 2,
      parts: 3,
    });
    expect(skipped.status).toBe(400);
    expect(skipped.error).toBe(
      "Part 3 of the upload arrived but part 2 was expected; start the upload again.",
    );
  });

  it("answers a broken file with the parser's sentences and line numbers", async () => {
    const lines = dayCsv.split("\n");
    lines[4] = "2006-01-06,abc,1,1,1,1,0";
    lines[7] = "2006-01-11,10,9,11,10,100,0";
    const broken = await upload(owner.client, "broken.csv", lines.join("\n"));
    expect(broken.status).toBe(400);
    expect(broken.error, "one sentence per problem, naming its line").toBe(
      [
        'Line 5 of broken.csv: Open "abc" is not a number.',
        "Line 8 of broken.csv: High 9 is below Low 11.",
      ].join("\n"),
    );
    const tooClose = await upload(owner.client, "weekly.csv", dayCsv, { timeframe: "1w" });
    expect(tooClose.error, "a timeframe longer than the file's spacing is refused").toMatch(
      /^weekly\.csv has bars 1440 minutes apart \(at 2006-01-03T00:00:00\.000Z\), shorter than the 1w timeframe/,
    );
  });
});

describe("API keys", () => {
  it("stores a key encrypted, shows only its last four characters, and lets only its owner remove it", async () => {
    const added = await owner.client.call("data.credentials.add", {
      venue: "alpaca",
      label: "Paper account",
      ...ALPACA_KEY,
    });
    expect(added.status, added.error).toBe(200);
    const listed = await owner.client.call("data.credentials.list", undefined, "query");
    expect(listed.data).toEqual([
      expect.objectContaining({ venue: "alpaca", label: "Paper account", last4: "1234" }),
    ]);
    const everything = JSON.stringify([added.data, listed.data]);
    expect(everything, "the secret never goes back to the browser").not.toContain(ALPACA_KEY.secretKey);
    expect(everything, "nor the key id").not.toContain(ALPACA_KEY.keyId);
    const row = await server.services.db.prisma.credential.findFirstOrThrow({
      where: { ownerId: owner.userId },
    });
    expect(row.ciphertext, "stored encrypted").not.toContain(ALPACA_KEY.secretKey);
    expect(row.ciphertext.startsWith("v1."), "in the versioned format").toBe(true);
    expect(
      await server.services.data.credentials.reveal(owner.userId, "alpaca"),
      "decrypts for the owner",
    ).toEqual(ALPACA_KEY);
    expect(
      await server.services.data.credentials.reveal(other.userId, "alpaca"),
      "others have none",
    ).toBeNull();

    const id = (added.data as { id: string }).id;
    const theirs = await other.client.call("data.credentials.remove", { id });
    expect(theirs.status).toBe(404);
    expect(theirs.error).toBe("This API key does not exist or is not yours.");
  });

  it("refuses a key with field sentences", async () => {
    const bad = await owner.client.call("data.credentials.add", {
      venue: "alpaca",
      label: "",
      keyId: "PK",
      secretKey: "x",
    });
    expect(bad.status).toBe(400);
    expect(bad.error).toBe(
      "label: give the key a name; keyId: paste the whole key id; secretKey: paste the whole secret key",
    );
  });
});

describe("venue symbols", () => {
  it("downloads a Binance symbol in the background with progress, then only what is missing", async () => {
    // 12,000 one-minute bars: the download runs in three chunks, so progress has steps to show.
    const t0 = Date.UTC(2024, 2, 1);
    const bars: Bar[] = Array.from({ length: 12_000 }, (_, i) => ({
      time: t0 + i * 60_000,
      open: 100 + i,
      high: 101 + i,
      low: 99 + i,
      close: 100.5 + i,
      volume: 1 + (i % 7),
    }));
    binance.setBars("ETHUSDT", "1m", bars);
    const socket = await openSocket(server.url, owner.client);
    const id = "venue:binance:ETHUSDT:1m";
    const { seen, finished } = syncUpdates(socket, id);
    const to = new Date(t0 + 12_000 * 60_000).toISOString();
    const started = await owner.client.call("data.addSymbol", {
      venue: "binance",
      symbol: "ETHUSDT",
      timeframe: "1m",
      from: "2024-03-01",
      to,
    });
    expect(started.status, started.error).toBe(200);
    expect(started.data).toEqual({ id });
    const last = await finished;
    socket.close();
    expect(last.status, last.message).toBe("ready");
    expect(last.message).toBe("ETHUSDT 1m is ready: 12,000 bars stored.");
    const steps = seen.filter((u) => u.status === "syncing" && u.progress > 0).map((u) => u.progress);
    expect(steps.length, "progress arrives chunk by chunk").toBeGreaterThanOrEqual(3);
    expect(steps, "and only grows").toEqual([...steps].sort((a, b) => a - b));

    const listed = (await datasets(owner.client)).find((d) => d.id === id)!;
    expect(listed.bars).toBe(12_000);
    expect(listed.status).toBe("ready");
    expect(listed.gaps, "everything asked for was fetched").toEqual([]);
    expect(
      (await datasets(other.client)).map((d) => d.id),
      "the symbol is in the owner's list only",
    ).not.toContain(id);

    const requests = binance.requests.length;
    const again = await owner.client.call("data.addSymbol", {
      venue: "binance",
      symbol: "ETHUSDT",
      timeframe: "1m",
      from: "2024-03-01",
      to,
    });
    expect(again.status, again.error).toBe(200);
    await eventually(async () => (await datasets(owner.client)).find((d) => d.id === id)?.status === "ready");
    expect(binance.requests.length, "a second add of the same range asks the venue nothing").toBe(requests);

    const status = await owner.client.call("data.status", undefined, "query");
    expect(
      (status.data as { venue: string; state: string }[]).find((s) => s.venue === "binance"),
    ).toMatchObject({
      state: "ready",
      detail: "ETHUSDT 1m is ready: 12,000 bars stored.",
    });
  });

  it("reports a venue's refusal as the download's failure", async () => {
    const socket = await openSocket(server.url, owner.client);
    const id = "venue:binance:NOPE:1m";
    const { finished } = syncUpdates(socket, id);
    await owner.client.call("data.addSymbol", {
      venue: "binance",
      symbol: "NOPE",
      timeframe: "1m",
      from: "2024-03-01",
      to: "2024-03-02",
    });
    const last = await finished;
    socket.close();
    expect(last.status).toBe("failed");
    expect(last.message).toMatch(/^Downloading NOPE 1m from Binance failed: /);
    const row = (await datasets(owner.client)).find((d) => d.id === id)!;
    expect(row.status, "the list says it failed, and why").toBe("failed");
    expect(row.error).toBe(last.message);
  });

  it("needs the user's Alpaca key, and uses it", async () => {
    const status = await other.client.call("data.status", undefined, "query");
    expect((status.data as { venue: string; state: string }[]).find((s) => s.venue === "alpaca")?.state).toBe(
      "needs-key",
    );
    const refused = await other.client.call("data.addSymbol", {
      venue: "alpaca",
      symbol: "AAPL",
      timeframe: "1m",
      from: "2024-03-01",
      to: "2024-03-02",
    });
    expect(refused.status).toBe(400);
    expect(refused.error).toBe(
      "venue: Alpaca needs your API key; add it under API keys, then add the symbol again.",
    );

    // The owner stored the fake's key in the API keys test above.
    const socket = await openSocket(server.url, owner.client);
    const id = "venue:alpaca:AAPL:1m";
    const { finished } = syncUpdates(socket, id);
    const started = await owner.client.call("data.addSymbol", {
      venue: "alpaca",
      symbol: "AAPL",
      timeframe: "1m",
      from: "2024-03-01",
      to: "2024-03-02",
    });
    expect(started.status, started.error).toBe(200);
    const last = await finished;
    socket.close();
    expect(last.status, last.message).toBe("ready");
    expect(last.bars, "the fake's 20 recorded AAPL minutes").toBe(20);
  });

  it("refuses bad ranges and symbols with sentences naming the field", async () => {
    const backwards = await owner.client.call("data.addSymbol", {
      venue: "binance",
      symbol: "BTCUSDT",
      timeframe: "1h",
      from: "2024-03-02",
      to: "2024-03-01",
    });
    expect(backwards.error).toBe("to: must be after the start date");
    const notADate = await owner.client.call("data.addSymbol", {
      venue: "binance",
      symbol: "BTCUSDT",
      timeframe: "1h",
      from: "March",
    });
    expect(notADate.error).toBe('from: "March" is not a date; use YYYY-MM-DD, such as 2024-01-31.');
    const badSymbol = await owner.client.call("data.addSymbol", {
      venue: "binance",
      symbol: "BTC USDT",
      timeframe: "1h",
      from: "2024-03-01",
    });
    expect(badSymbol.error).toBe("symbol: use letters, digits and . - / = ^ only");
  });
});

describe("backtests on a user's dataset", () => {
  it("runs on the owner's upload and is refused to anyone else", async () => {
    const stored = await upload(owner.client, "For a backtest", dayCsv);
    const { dataset } = stored.data as { dataset: DatasetSummary };
    const graph = smaCrossoverGraph(5, 20);
    const compiled = compile(graph);
    const strategyFor = async (userId: string) =>
      (
        await server.services.db.prisma.strategy.create({
          data: {
            ownerId: userId,
            name: "SMA 5/20",
            headVersion: 1,
            versions: {
              create: {
                number: 1,
                graph: graph as object,
                plan: compiled.plan as object,
                planHash: compiled.hash ?? null,
                createdById: userId,
              },
            },
          },
        })
      ).id;
    const socket = await openSocket(server.url, owner.client);
    const started = await owner.client.call("backtests.start", {
      strategyId: await strategyFor(owner.userId),
      dataset: dataset.id,
    });
    expect(started.status, started.error).toBe(200);
    const { id } = started.data as { id: string };
    const done = await new Promise<BacktestUpdate>((resolve) =>
      socket.on(
        "backtest:update",
        (u: BacktestUpdate) => u.id === id && ["succeeded", "failed"].includes(u.status) && resolve(u),
      ),
    );
    socket.close();
    expect(done.status, done.error).toBe("succeeded");
    const sample = await owner.client.call("backtests.start", {
      strategyId: await strategyFor(owner.userId),
      dataset: "sample:2006-day-001",
    });
    const sampleRun = await waitForBacktest(owner.client, (sample.data as { id: string }).id);
    const run = await waitForBacktest(owner.client, id);
    expect(run.resultSummary, "the upload of the sample file trades exactly like the sample").toEqual(
      sampleRun.resultSummary,
    );

    const intruder = await other.client.call("backtests.start", {
      strategyId: await strategyFor(other.userId),
      dataset: dataset.id,
    });
    expect(intruder.status).toBe(404);
    expect(intruder.error).toBe("dataset: this dataset does not exist or is not yours.");
  });
});

async function waitForBacktest(client: Client, id: string) {
  for (;;) {
    const row = (await client.call("backtests.get", { id }, "query")).data as {
      status: string;
      resultSummary: unknown;
    };
    if (row.status === "succeeded" || row.status === "failed") return row;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the condition never held");
}
