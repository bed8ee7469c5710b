import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "@/engine-runtime/compiler";
import { embedPlan } from "@/engine-runtime/embedding";
import { templates } from "@/engine-runtime/templates";
import { smaCrossoverGraph } from "@/engine-runtime/testing/graphs";
import { seededStrategyId, seedTemplates } from "@/server/marketplace/seed";
import { marketplaceReady } from "@/server/marketplace/setup";
import { type Client, signedUpClient } from "@/server/testing/client";
import { startTestServer, type TestServer } from "@/server/testing/server";
import { saveStrategy } from "@/server/testing/strategies";
import type { TemplateCard } from "./cards";

/**
 * The marketplace over the real server and database: seeded templates, search, similarity,
 * publishing, forking, rating, and who may see what.
 */
let server: TestServer;
let alice: { client: Client; userId: string };
let bob: { client: Client; userId: string };

type Page = { items: (TemplateCard & { similarity?: number })[]; total: number };

async function seededTemplateId(templateId: string): Promise<string> {
  const row = await server.services.db.prisma.template.findUniqueOrThrow({
    where: { strategyId: seededStrategyId({ id: templateId }) },
    select: { id: true },
  });
  return row.id;
}

const search = async (client: Client, input: object) =>
  (await client.call("marketplace.search", input, "query")).data as Page;

const publishInput = (strategyId: string, title = "SMA crossover of mine") => ({
  strategyId,
  title,
  description: "Buys when the fast SMA crosses above the slow one and sells on the cross back below.",
  tags: ["Trend Following", "sma"],
  market: "stocks",
  timeframe: "1d",
});

beforeAll(async () => {
  server = await startTestServer();
  await marketplaceReady(server.services.db);
  // Test servers skip seeding (see prepareMarketplace); this suite is about the seeded shelf.
  // Seeded before signing up, so no kept-alive connection idles past the server's timeout meanwhile.
  await seedTemplates(server.services.db);
  alice = await signedUpClient(server.url);
  bob = await signedUpClient(server.url);
});
afterAll(async () => server?.close());

describe("the seeded marketplace", () => {
  it("holds at least 30 built-in templates, each with a snapshot on three datasets", async () => {
    const page = await search(bob.client, { limit: 50 });
    expect(templates.length, "the issue asks for at least 30 templates").toBeGreaterThanOrEqual(30);
    expect(page.total, "every built-in template is published").toBe(templates.length);
    for (const card of page.items) {
      expect(card.author, `${card.title} is by the Strata team`).toBe("Strata Team");
      expect(card.sparkline.length, `${card.title} has an equity curve`).toBeGreaterThan(10);
      expect(card.sharpe, `${card.title} has a headline Sharpe ratio`).not.toBeNull();
    }
    const detail = await bob.client.call("marketplace.get", { id: page.items[0].id }, "query");
    const snapshot = (detail.data as { version: { snapshot: { datasets: { dataset: string }[] } } }).version
      .snapshot;
    expect(snapshot.datasets.map((d) => d.dataset)).toEqual([
      "sample:orcl-1995-2014",
      "sample:nvda-1999-2014",
      "sample:yhoo-1996-2014",
    ]);
  });

  it("seeds only once: a second run publishes nothing", async () => {
    expect(await seedTemplates(server.services.db)).toBe(0);
    expect(await server.services.db.prisma.template.count()).toBe(templates.length);
  });

  it("finds templates by full-text search with English stemming", async () => {
    const turtle = await search(bob.client, { text: "turtle" });
    expect(turtle.items.map((c) => c.title).sort()).toEqual([
      "Donchian 55 breakout with ATR stop",
      "Turtle breakout 20/10",
    ]);
    const stemmed = await search(bob.client, { text: "crossing averages" });
    expect(
      stemmed.items.some((c) => c.title === "Golden cross (SMA 50/200)"),
      "'averages' finds 'average' and 'crossing' finds 'crosses'",
    ).toBe(true);
    expect((await search(bob.client, { text: "zzzqqq" })).total).toBe(0);
  });

  it("filters by market, tags and node types used", async () => {
    const futures = await search(bob.client, { market: "futures", limit: 50 });
    expect(futures.items.map((c) => c.market).every((m) => m === "futures")).toBe(true);
    expect(futures.total).toBe(templates.filter((t) => t.market === "futures").length);
    const tagged = await search(bob.client, { tags: ["Mean Reversion", "RSI"], limit: 50 });
    expect(tagged.total, "tags match case-insensitively and all of them must match").toBe(
      templates.filter((t) => t.tags.includes("mean reversion") && t.tags.includes("rsi")).length,
    );
    const markov = await search(bob.client, { nodeTypes: ["patterns.markovRegime"] });
    expect(markov.items.map((c) => c.title)).toEqual(["Markov regime switch"]);
  });

  it("sorts by best risk-adjusted return", async () => {
    const page = await search(bob.client, { sort: "bestRiskAdjusted", limit: 50 });
    const sharpes = page.items.map((c) => c.sharpe ?? -Infinity);
    expect(sharpes, "highest Sharpe first").toEqual([...sharpes].sort((a, b) => b - a));
  });

  it("lists similar strategies: same structure first, other ideas later", async () => {
    const golden = await seededTemplateId("golden-cross");
    const { data } = await bob.client.call("marketplace.similar", { id: golden, limit: 5 }, "query");
    const hits = data as (TemplateCard & { similarity: number })[];
    expect(hits[0].title, "an SMA crossover with other periods is the nearest").toBe("SMA crossover 10/30");
    expect(hits[0].similarity).toBeGreaterThan(0.9);
    expect(hits[0].similarity).toBeLessThan(1);
    expect(hits.map((h) => h.id)).not.toContain(golden);
    const sims = hits.map((h) => h.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
  });
});

describe("publishing, forking and rating", () => {
  it("publishes a saved version with a snapshot and warns about a near-duplicate", async () => {
    const strategyId = await saveStrategy(server.services.db, alice.userId, smaCrossoverGraph(10, 30));
    const first = await alice.client.call("marketplace.publish", publishInput(strategyId));
    expect(first.status, first.error).toBe(200);
    const published = first.data as {
      id: string;
      version: number;
      nearDuplicates: { title: string; similarity: number }[];
    };
    expect(published.version).toBe(1);
    expect(published.nearDuplicates[0]?.title, "the seeded SMA 10/30 is the same plan").toBe(
      "SMA crossover 10/30",
    );
    expect(published.nearDuplicates[0]?.similarity).toBeCloseTo(1, 9);

    const again = await alice.client.call(
      "marketplace.publish",
      publishInput(strategyId, "SMA crossover v2"),
    );
    expect((again.data as { id: string; version: number }).version, "republishing makes version 2").toBe(2);
    const detail = (await bob.client.call("marketplace.get", { id: published.id }, "query")).data as {
      title: string;
      tags: string[];
      versions: { number: number }[];
      author: string;
      isAuthor: boolean;
    };
    expect(detail.title).toBe("SMA crossover v2");
    expect(detail.tags, "tags are stored lowercased").toEqual(["trend following", "sma"]);
    expect(detail.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(detail.isAuthor).toBe(false);
  });

  it("refuses to publish a version that does not compile, naming the problem", async () => {
    const broken = smaCrossoverGraph(10, 30);
    broken.edges = broken.edges.filter((e) => e.target !== "fast");
    const strategyId = await saveStrategy(server.services.db, alice.userId, broken, "Broken");
    const refused = await alice.client.call("marketplace.publish", publishInput(strategyId));
    expect(refused.status).toBe(400);
    expect(refused.error).toMatch(/^Version 1 cannot be published because it does not compile: /);
  });

  it("forks a template into the user's strategies, remembering where it came from", async () => {
    const id = await seededTemplateId("rsi-2-pullback");
    const forked = await bob.client.call("marketplace.fork", { id });
    expect(forked.status, forked.error).toBe(200);
    const { strategyId } = forked.data as { strategyId: string };
    const strategy = await server.services.db.prisma.strategy.findUniqueOrThrow({
      where: { id: strategyId },
      include: { versions: true },
    });
    expect(strategy.ownerId).toBe(bob.userId);
    expect(strategy.forkedFromId).toBe(seededStrategyId({ id: "rsi-2-pullback" }));
    expect(strategy.versions[0].graph).toEqual(templates.find((t) => t.id === "rsi-2-pullback")!.graph);
    const top = await search(bob.client, { sort: "mostForked", limit: 1 });
    expect(top.items[0].id, "the forked template leads the most-forked order").toBe(id);
    expect(top.items[0].forkCount).toBe(1);
  });

  it("keeps one rating per user, refuses rating one's own template and limits how often one rates", async () => {
    const id = await seededTemplateId("zigzag-swing");
    await bob.client.call("marketplace.rate", { id, stars: 4 });
    const second = await bob.client.call("marketplace.rate", { id, stars: 2 });
    expect(second.data, "rating again replaces the first rating").toEqual({ average: 2, count: 1, mine: 2 });
    const carol = await signedUpClient(server.url);
    const third = await carol.client.call("marketplace.rate", { id, stars: 5 });
    expect(third.data).toEqual({ average: 3.5, count: 2, mine: 5 });

    const own = (await alice.client.call("marketplace.mine", undefined, "query")).data as TemplateCard[];
    const selfRating = await alice.client.call("marketplace.rate", { id: own[0].id, stars: 5 });
    expect(selfRating.error).toBe("You cannot rate your own template.");

    let limited: { status: number; error?: string } | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const r = await carol.client.call("marketplace.rate", { id, stars: 1 + (i % 5) });
      if (r.status === 429) limited = r;
    }
    expect(limited?.error, "at most 20 ratings a minute").toMatch(
      /^Too many attempts\. Please wait \d+ seconds? and try again\.$/,
    );
  });

  it("limits publishing to 10 an hour per user", async () => {
    const dave = await signedUpClient(server.url);
    const strategyId = await saveStrategy(server.services.db, dave.userId, smaCrossoverGraph(7, 70));
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await dave.client.call("marketplace.publish", publishInput(strategyId))).status);
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
  });
});

describe("access control (IDOR matrix)", () => {
  let hiddenId: string;
  let alicesPublished: string;
  let alicesPrivateStrategy: string;

  beforeAll(async () => {
    // A distinctive plan: nothing else in the marketplace is near it, so a leak would rank first.
    const graph = smaCrossoverGraph(3, 333);
    const strategyId = await saveStrategy(server.services.db, alice.userId, graph, "Hidden idea");
    const published = await alice.client.call("marketplace.publish", {
      ...publishInput(strategyId, "Secret sauce quokka"),
      tags: ["quokka"],
    });
    hiddenId = (published.data as { id: string }).id;
    await alice.client.call("marketplace.unpublish", { id: hiddenId });
    const other = await saveStrategy(
      server.services.db,
      alice.userId,
      smaCrossoverGraph(4, 44),
      "Public one",
    );
    alicesPublished = (
      (
        await alice.client.call("marketplace.publish", {
          ...publishInput(other, "Public quokka"),
          tags: ["quokka"],
        })
      ).data as { id: string }
    ).id;
    alicesPrivateStrategy = await saveStrategy(
      server.services.db,
      alice.userId,
      smaCrossoverGraph(5, 55),
      "Never published",
    );
  });

  it("hides an unpublished template from everyone but its author, on every read path", async () => {
    const anonymous = new (await import("@/server/testing/client")).Client(server.url);
    for (const [who, client] of [
      ["another user", bob.client],
      ["a visitor", anonymous],
    ] as const) {
      const get = await client.call("marketplace.get", { id: hiddenId }, "query");
      expect(get.status, `${who}: get`).toBe(404);
      expect(get.error).toBe("This template does not exist or is not published.");
      expect((await client.call("marketplace.get", { id: hiddenId, version: 1 }, "query")).status).toBe(404);
      expect(
        (await client.call("marketplace.similar", { id: hiddenId }, "query")).status,
        `${who}: similar`,
      ).toBe(404);
      const found = await search(client, { text: "secret sauce quokka" });
      expect(
        found.items.map((c) => c.id),
        `${who}: search`,
      ).not.toContain(hiddenId);
      const byTag = await search(client, { tags: ["quokka"] });
      expect(
        byTag.items.map((c) => c.id),
        `${who}: tag filter`,
      ).toEqual([alicesPublished]);
      const drawn = Array.from(embedPlan(compile(smaCrossoverGraph(3, 333)).plan!));
      const like = await client.call(
        "marketplace.similarToEmbedding",
        { embedding: drawn, limit: 20 },
        "query",
      );
      expect(like.status, like.error).toBe(200);
      const likeIds = (like.data as { id: string }[]).map((c) => c.id);
      expect(likeIds, `${who}: similar to a drawn graph`).not.toContain(hiddenId);
    }
    const own = await alice.client.call("marketplace.get", { id: hiddenId }, "query");
    expect(own.status, "its author still sees it").toBe(200);
    expect((own.data as { published: boolean }).published).toBe(false);
    const mine = (await alice.client.call("marketplace.mine", undefined, "query")).data as TemplateCard[];
    expect(mine.map((c) => c.id)).toContain(hiddenId);
    const similarToPublic = (
      await bob.client.call("marketplace.similar", { id: alicesPublished, limit: 20 }, "query")
    ).data as { id: string }[];
    expect(
      similarToPublic.map((c) => c.id),
      "nor in the similar panel of other templates",
    ).not.toContain(hiddenId);
  });

  it("refuses every write on another user's ids with the same answer as a missing id", async () => {
    const calls: [string, object, number, string][] = [
      ["marketplace.fork", { id: hiddenId }, 404, "This template does not exist or is not published."],
      [
        "marketplace.rate",
        { id: hiddenId, stars: 5 },
        404,
        "This template does not exist or is not published.",
      ],
      ["marketplace.unpublish", { id: hiddenId }, 404, "This template does not exist or is not published."],
      [
        "marketplace.unpublish",
        { id: alicesPublished },
        404,
        "This template does not exist or is not published.",
      ],
      [
        "marketplace.unpublish",
        { id: "no-such-id" },
        404,
        "This template does not exist or is not published.",
      ],
      [
        "marketplace.publish",
        publishInput(alicesPrivateStrategy),
        404,
        "This strategy does not exist or is not yours.",
      ],
      [
        "marketplace.publish",
        publishInput("no-such-id"),
        404,
        "This strategy does not exist or is not yours.",
      ],
    ];
    for (const [path, input, status, message] of calls) {
      const r = await bob.client.call(path, input);
      expect([r.status, r.error], `${path} ${JSON.stringify(input)}`).toEqual([status, message]);
    }
    const stillPublished = await bob.client.call("marketplace.get", { id: alicesPublished }, "query");
    expect((stillPublished.data as { published: boolean }).published, "bob's unpublish changed nothing").toBe(
      true,
    );
    const mineOfBob = (await bob.client.call("marketplace.mine", undefined, "query")).data as TemplateCard[];
    expect(mineOfBob.map((c) => c.id)).not.toContain(hiddenId);
  });

  it("asks visitors to sign in before writing", async () => {
    const anonymous = new (await import("@/server/testing/client")).Client(server.url);
    for (const [path, input] of [
      ["marketplace.fork", { id: alicesPublished }],
      ["marketplace.rate", { id: alicesPublished, stars: 3 }],
      ["marketplace.publish", publishInput(alicesPrivateStrategy)],
      ["marketplace.unpublish", { id: alicesPublished }],
    ] as const) {
      const r = await anonymous.call(path, input);
      expect([r.status, r.error], path).toEqual([401, "Please sign in to continue."]);
    }
    expect((await anonymous.call("marketplace.mine", undefined, "query")).status).toBe(401);
  });
});
