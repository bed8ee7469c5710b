import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "@/engine-runtime/compiler";
import { findStarter } from "@/engine-runtime/starters";
import { emptyGraph } from "@/nodes/core/graph";
import { createCaller } from "@/server/api/root";
import { createLogger } from "@/server/ops/log";
import { describeWithService, testDatabaseUrl } from "@/server/testing/backends";
import { startTestServer, type TestServer } from "@/server/testing/server";
import { NOT_FOUND_MESSAGE } from "./access";
import { conflictMessage } from "./save.handler";

const log = createLogger("silent");
const maCrossover = findStarter("moving-average-crossover")!.graph;
const rsiGraph = findStarter("rsi-mean-reversion")!.graph;

/** What a rejected call was refused with, for one assertion on code and sentence together. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("the call was expected to be refused, but it succeeded");
}

function strategiesSuite(start: () => Promise<TestServer>) {
  let server: TestServer;
  let userCount = 0;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => server?.close());

  /** A caller acting as a fresh user, through the real router, middleware and database. */
  async function signedIn() {
    const user = await server.services.db.prisma.user.create({
      data: { email: `trader${++userCount}.${Date.now()}@example.com`, passwordHash: "not used" },
      select: { id: true, email: true, name: true },
    });
    const caller = createCaller({
      services: server.services,
      req: {} as IncomingMessage,
      res: {} as ServerResponse,
      requestId: "test",
      log,
      ip: "127.0.0.1",
      secure: false,
      user,
      sessionToken: undefined,
    });
    return { user, api: caller.strategies };
  }

  it("creates, lists, reads, renames, duplicates and deletes a strategy", async () => {
    const { api } = await signedIn();
    expect(await api.list({}), "a new user has no strategies").toEqual([]);

    const blank = await api.create({ name: "  Blank idea  " });
    const fromStarter = await api.create({ name: "Golden cross", starter: "moving-average-crossover" });

    const opened = await api.get({ id: fromStarter.id });
    expect(opened.name).toBe("Golden cross");
    expect(opened.headVersion, "creating saves version 1").toBe(1);
    expect(opened.graph, "the starter's graph is copied as drawn").toEqual(maCrossover);
    expect(opened.description).toBe(findStarter("moving-average-crossover")!.description);
    expect((await api.get({ id: blank.id })).graph, "no graph and no starter give an empty graph").toEqual(
      emptyGraph(),
    );

    const listed = await api.list({});
    expect(
      listed.map((s) => [s.name, s.nodeCount, s.headVersion]),
      "newest first, names trimmed, node counts from the head version",
    ).toEqual([
      ["Golden cross", 7, 1],
      ["Blank idea", 0, 1],
    ]);
    expect(listed[0].updatedAt).toBeInstanceOf(Date);

    await api.rename({ id: blank.id, name: "Mean reversion draft" });
    expect((await api.get({ id: blank.id })).name).toBe("Mean reversion draft");

    const copy = await api.duplicate({ id: fromStarter.id });
    const copied = await api.get({ id: copy.id });
    expect(copied.name).toBe("Golden cross (copy)");
    expect(copied.graph, "a duplicate starts from the original's head").toEqual(maCrossover);
    expect(copied.headVersion, "a duplicate has a history of its own").toBe(1);

    await api.delete({ id: fromStarter.id });
    expect((await api.list({})).map((s) => s.name)).toEqual(["Golden cross (copy)", "Mean reversion draft"]);
    expect(await refusal(api.get({ id: fromStarter.id })), "a deleted strategy is gone").toEqual({
      code: "NOT_FOUND",
      message: NOT_FOUND_MESSAGE,
    });
    expect(await refusal(api.delete({ id: fromStarter.id })), "deleting twice is not found").toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("keeps names within 120 characters, also for copies", async () => {
    const { api } = await signedIn();
    const { id } = await api.create({ name: "x".repeat(120) });
    const copy = await api.get({ id: (await api.duplicate({ id })).id });
    expect(copy.name).toBe(`${"x".repeat(113)} (copy)`);
  });

  it("searches names and descriptions case-insensitively, with % and _ taken literally", async () => {
    const { api } = await signedIn();
    for (const name of ["50% off", "500 club", "fast_slow", "fastXslow", "Plain"]) await api.create({ name });
    await api.create({ name: "Oscillator", starter: "rsi-mean-reversion" });
    const names = async (search: string) => (await api.list({ search })).map((s) => s.name).sort();
    expect(await names("50%"), "% is a literal percent sign, not a wildcard").toEqual(["50% off"]);
    expect(await names("fast_slow"), "_ is a literal underscore").toEqual(["fast_slow"]);
    expect(await names("PLAIN"), "case does not matter").toEqual(["Plain"]);
    expect(await names("overbought"), "descriptions are searched too").toEqual(["Oscillator"]);
    expect(await names("\\"), "a backslash is literal too").toEqual([]);
    expect(await names("  "), "a blank search lists everything").toHaveLength(6);
  });

  it("saves versions with their plan hash, also drafts that do not compile", async () => {
    const { api } = await signedIn();
    const { id } = await api.create({ name: "Versions" });
    const saved = await api.save({ id, graph: rsiGraph, baseVersion: 1, label: "RSI idea" });
    expect(saved.version).toBe(2);
    expect(saved.planHash, "the hash the compiler gives this graph").toBe(compile(rsiGraph).hash);
    expect(saved.savedAt).toBeInstanceOf(Date);

    const draft = structuredClone(rsiGraph);
    draft.edges = draft.edges.filter((e) => e.target !== "rsi");
    const savedDraft = await api.save({ id, graph: draft, baseVersion: 2 });
    expect(savedDraft, "a draft is kept even though it has no plan").toMatchObject({
      version: 3,
      planHash: null,
    });
    expect((await api.get({ id })).graph.edges).toEqual(draft.edges);

    const history = await api.versions({ id });
    expect(history.map((v) => [v.number, v.label, v.nodeCount, v.planHash])).toEqual([
      [3, null, 6, null],
      [2, "RSI idea", 6, saved.planHash],
      [1, null, 0, compile(emptyGraph()).hash],
    ]);
    const list = await api.list({});
    expect(list[0]).toMatchObject({ headVersion: 3, nodeCount: 6 });
  });

  it("moves a saved strategy to the top of the list", async () => {
    const { api } = await signedIn();
    const older = await api.create({ name: "Older" });
    await api.create({ name: "Newer" });
    await api.save({ id: older.id, graph: rsiGraph, baseVersion: 1 });
    expect((await api.list({})).map((s) => s.name)).toEqual(["Older", "Newer"]);
  });

  it("refuses a save based on an old version, and keeps both changes when forced", async () => {
    const { api } = await signedIn();
    const { id } = await api.create({ name: "Two tabs" });
    await api.save({ id, graph: rsiGraph, baseVersion: 1 }); // tab A
    expect(await refusal(api.save({ id, graph: maCrossover, baseVersion: 1 })), "tab B is stale").toEqual({
      code: "CONFLICT",
      message:
        "This strategy was changed in another tab or window (version 2). Load the newer version, or save yours as a new version.",
    });
    expect((await api.get({ id })).headVersion, "a refused save changes nothing").toBe(2);
    const forced = await api.save({ id, graph: maCrossover, baseVersion: 1, force: true });
    expect(forced.version, "a forced save goes on top").toBe(3);
    const history = await api.versions({ id });
    expect(
      history.map((v) => v.nodeCount),
      "tab A's graph (6 nodes) is still in the history",
    ).toEqual([7, 6, 0]);
    expect((await api.get({ id })).graph).toEqual(maCrossover);
  });

  it("lets exactly one of two concurrent saves on the same version win", async () => {
    const { api } = await signedIn();
    const { id } = await api.create({ name: "Race" });
    for (let round = 1; round <= 3; round++) {
      const results = await Promise.allSettled([
        api.save({ id, graph: rsiGraph, baseVersion: round }),
        api.save({ id, graph: maCrossover, baseVersion: round }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won, `round ${round}: one save wins`).toHaveLength(1);
      expect(lost, `round ${round}: the other is told about the conflict`).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
        code: "CONFLICT",
        message: conflictMessage(round + 1),
      });
    }
    const history = await api.versions({ id });
    expect(
      history.map((v) => v.number),
      "no gaps and no duplicate numbers",
    ).toEqual([4, 3, 2, 1]);
  });

  it("numbers concurrent forced saves one after another", async () => {
    const { api } = await signedIn();
    const { id } = await api.create({ name: "Forced race" });
    const saved = await Promise.all(
      [0, 1, 2].map(() => api.save({ id, graph: rsiGraph, baseVersion: 1, force: true })),
    );
    expect(saved.map((s) => s.version).sort(), "each forced save gets its own number").toEqual([2, 3, 4]);
  });

  it("names versions and restores an old one as a new head", async () => {
    const { api } = await signedIn();
    const { id } = await api.create({ name: "History", starter: "moving-average-crossover" });
    await api.save({ id, graph: rsiGraph, baseVersion: 1 });
    expect(await api.nameVersion({ id, version: 1, label: "Before RSI" })).toEqual({
      number: 1,
      label: "Before RSI",
    });
    const restored = await api.restore({ id, version: 1 });
    expect(restored.version, "restoring adds a version instead of rewriting history").toBe(3);
    const head = await api.get({ id });
    expect(head.headVersion).toBe(3);
    expect(head.graph, "the head is version 1's graph again").toEqual(maCrossover);
    const history = await api.versions({ id });
    expect(history.map((v) => [v.number, v.label])).toEqual([
      [3, "Restored from version 1"],
      [2, null],
      [1, "Before RSI"],
    ]);
    expect(history[0].planHash, "the restored version is compiled again").toBe(compile(maCrossover).hash);
    expect(
      (await api.nameVersion({ id, version: 1, label: "" })).label,
      "an empty name clears it",
    ).toBeNull();
    expect(await refusal(api.restore({ id, version: 9 }))).toEqual({
      code: "NOT_FOUND",
      message: "This strategy has no version 9. Pick one from its version history.",
    });
    expect(await refusal(api.nameVersion({ id, version: 9, label: "x" }))).toMatchObject({
      code: "NOT_FOUND",
      message: "This strategy has no version 9. Pick one from its version history.",
    });
  });

  it("answers NOT_FOUND to every call on another user's strategy and changes nothing", async () => {
    const alice = await signedIn();
    const mallory = await signedIn();
    const { id } = await alice.api.create({ name: "Alice's edge", starter: "macd-crossover" });
    await alice.api.nameVersion({ id, version: 1, label: "mine" });
    const before = {
      strategy: await alice.api.get({ id }),
      versions: await alice.api.versions({ id }),
    };
    const attempts: [string, () => Promise<unknown>][] = [
      ["get", () => mallory.api.get({ id })],
      ["rename", () => mallory.api.rename({ id, name: "pwned" })],
      ["duplicate", () => mallory.api.duplicate({ id })],
      ["delete", () => mallory.api.delete({ id })],
      ["save", () => mallory.api.save({ id, graph: rsiGraph, baseVersion: 1 })],
      ["forced save", () => mallory.api.save({ id, graph: rsiGraph, baseVersion: 1, force: true })],
      ["versions", () => mallory.api.versions({ id })],
      ["nameVersion", () => mallory.api.nameVersion({ id, version: 1, label: "pwned" })],
      ["restore", () => mallory.api.restore({ id, version: 1 })],
    ];
    for (const [name, call] of attempts) {
      expect(await refusal(call()), `${name} must neither work nor confirm the id exists`).toEqual({
        code: "NOT_FOUND",
        message: NOT_FOUND_MESSAGE,
      });
    }
    expect(await mallory.api.list({}), "nothing was duplicated into Mallory's list").toEqual([]);
    expect(await alice.api.get({ id }), "Alice's strategy is untouched").toEqual(before.strategy);
    expect(await alice.api.versions({ id }), "and so is its history").toEqual(before.versions);
    const unknown = "cl_not_a_real_id";
    expect(await refusal(mallory.api.get({ id: unknown })), "same answer as for an unknown id").toEqual({
      code: "NOT_FOUND",
      message: NOT_FOUND_MESSAGE,
    });
  });

  it("explains invalid graphs with sentences naming the field", async () => {
    const { api } = await signedIn();
    const { id } = await api.create({ name: "Invalid" });
    const badNode = { version: 1, nodes: [{ id: 5, type: "indicators.sma" }], edges: [] };
    expect(await refusal(api.save({ id, graph: badNode, baseVersion: 1 }))).toEqual({
      code: "BAD_REQUEST",
      message: "The graph is not valid at nodes[0].id: it must be text (got 5).",
    });
    expect(await refusal(api.save({ id, graph: "[]", baseVersion: 1 }))).toEqual({
      code: "BAD_REQUEST",
      message: "The graph must be a JSON object with version, nodes and edges.",
    });
    expect(await refusal(api.create({ name: "x", graph: { version: 1, nodes: [] } }))).toEqual({
      code: "BAD_REQUEST",
      message: "The graph is not valid at edges: it must be a list (got nothing).",
    });
    const huge = {
      ...emptyGraph(),
      nodes: Array.from({ length: 5001 }, (_, i) => ({ id: `n${i}`, type: "data.constant" })),
    };
    expect(await refusal(api.save({ id, graph: huge, baseVersion: 1 }))).toEqual({
      code: "BAD_REQUEST",
      message:
        "This graph has 5,001 nodes; a strategy may have at most 5,000. Remove some nodes, or split the strategy in two.",
    });
    expect(await refusal(api.create({ name: "x", starter: "nope" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(
        /^There is no starter “nope”\. Choose one of “moving-average-crossover”, /,
      ),
    });
    expect((await api.versions({ id })).length, "refused saves add no versions").toBe(1);
  });

  it("lists the starter gallery without signing in, and refuses everything else", async () => {
    const anonymous = createCaller({
      services: server.services,
      req: {} as IncomingMessage,
      res: {} as ServerResponse,
      requestId: "test",
      log,
      ip: "127.0.0.1",
      secure: false,
      user: null,
      sessionToken: undefined,
    }).strategies;
    const gallery = await anonymous.starters();
    expect(gallery.map((s) => s.id)).toEqual([
      "moving-average-crossover",
      "rsi-mean-reversion",
      "bollinger-breakout",
      "macd-crossover",
      "donchian-breakout",
    ]);
    expect(gallery[0].tags).toContain("SMA");
    expect(await refusal(anonymous.list({}))).toEqual({
      code: "UNAUTHORIZED",
      message: "Please sign in to continue.",
    });
  });

  it("answers over HTTP with status codes and sentences naming the field", async () => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      origin: server.url,
      "x-forwarded-for": `10.1.${userCount}.${Math.floor(Math.random() * 250)}`,
    };
    const call = async (path: string, input: unknown, method: "GET" | "POST" = "POST") => {
      const body = JSON.stringify({ json: input });
      const response =
        method === "GET"
          ? await fetch(`${server.url}/api/trpc/${path}?input=${encodeURIComponent(body)}`, { headers })
          : await fetch(`${server.url}/api/trpc/${path}`, { method, headers, body });
      const json = (await response.json()) as {
        result?: { data: { json: unknown } };
        error?: { json: { message: string } };
      };
      return { status: response.status, data: json.result?.data.json, error: json.error?.json.message };
    };
    expect(await call("strategies.list", {}, "GET"), "signed out").toEqual({
      status: 401,
      data: undefined,
      error: "Please sign in to continue.",
    });
    const email = `http.${Date.now()}@example.com`;
    const response = await fetch(`${server.url}/api/trpc/auth.signUp`, {
      method: "POST",
      headers,
      body: JSON.stringify({ json: { email, password: "correct horse battery" } }),
    });
    headers.cookie = response.headers.get("set-cookie")!.split(";")[0];

    const { id } = (await call("strategies.create", { name: "Over HTTP" })).data as { id: string };
    expect(await call("strategies.rename", { id, name: "   " })).toMatchObject({
      status: 400,
      error: "name: Give the strategy a name.",
    });
    expect(await call("strategies.save", { id, graph: emptyGraph(), baseVersion: 1 })).toMatchObject({
      status: 200,
    });
    expect(await call("strategies.save", { id, graph: emptyGraph(), baseVersion: 1 })).toMatchObject({
      status: 409,
      error: conflictMessage(2),
    });
    expect(await call("strategies.get", { id: "someone-elses" }, "GET")).toMatchObject({
      status: 404,
      error: NOT_FOUND_MESSAGE,
    });
  });
}

describe("strategies API on PGlite", () => strategiesSuite(() => startTestServer()));

describeWithService("strategies API on PostgreSQL", "TEST_DATABASE_URL", testDatabaseUrl, (url) =>
  strategiesSuite(() => startTestServer({ postgresUrl: url })),
);
