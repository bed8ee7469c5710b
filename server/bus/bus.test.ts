import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithService, testRedisUrl } from "@/server/testing/backends";
import { type Bus, createMemoryBus, createRedisBus } from "./bus";
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from "./rate-limit";
import { connectRedis } from "./redis";

function busContract(makeBus: () => Bus) {
  it("delivers events published after subscribing, in order, to every subscriber of the topic", async () => {
    const bus = makeBus();
    const topic = `test:${Math.random()}`;
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = bus.subscribe(topic, (e) => a.push(e));
    bus.subscribe(topic, (e) => b.push(e));
    bus.subscribe(`${topic}:other`, () => {
      throw new Error("an event leaked to another topic");
    });
    await new Promise((r) => setTimeout(r, 50));
    await bus.publish(topic, { n: 1 });
    await bus.publish(topic, { n: 2 });
    await waitFor(() => a.length === 2 && b.length === 2);
    expect(a, "both events, in publish order").toEqual([{ n: 1 }, { n: 2 }]);
    stopA();
    await bus.publish(topic, { n: 3 });
    await waitFor(() => b.length === 3);
    expect(a.length, "an unsubscribed handler gets nothing more").toBe(2);
  });
}

function rateLimitContract(make: () => RateLimiter) {
  it("allows `limit` hits per window and then tells how long to wait", async () => {
    const limiter = make();
    const key = `k${Math.random()}`;
    for (let i = 0; i < 3; i++)
      expect((await limiter.hit(key, 3, 60_000)).allowed, `hit ${i + 1} of 3`).toBe(true);
    const refused = await limiter.hit(key, 3, 60_000);
    expect(refused.allowed, "the fourth hit is refused").toBe(false);
    expect(refused.retryAfterMs, "retry after at most the window").toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await limiter.hit(`${key}:other`, 3, 60_000)).allowed, "keys are independent").toBe(true);
  });
}

async function waitFor(condition: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("timed out waiting for bus events");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("in-process bus", () => busContract(createMemoryBus));
describe("in-memory rate limiter", () => {
  rateLimitContract(() => createMemoryRateLimiter());
  it("opens a new window after the old one ends", async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter(() => now);
    await limiter.hit("k", 1, 1000);
    expect((await limiter.hit("k", 1, 1000)).allowed, "second hit in the window").toBe(false);
    now = 1000;
    expect((await limiter.hit("k", 1, 1000)).allowed, "first hit of the next window").toBe(true);
  });
});

describeWithService("Redis", "TEST_REDIS_URL", testRedisUrl, (url) => {
  const connections: Redis[] = [];
  const connect = async () => {
    const redis = await connectRedis(url, "strata-test");
    connections.push(redis);
    return redis;
  };
  let writer: Redis;
  let reader: Redis;
  beforeAll(async () => {
    writer = await connect();
    reader = await connect();
  });
  afterAll(async () => {
    for (const c of connections) c.disconnect();
  });
  describe("Redis Streams bus", () => busContract(() => createRedisBus(writer, reader)));
  describe("Redis rate limiter", () => rateLimitContract(() => createRedisRateLimiter(writer)));
});

describe("an unreachable Redis", () => {
  it("stops with one sentence naming REDIS_URL, the address and the fix", async () => {
    await expect(connectRedis("redis://:secret@127.0.0.1:1")).rejects.toThrow(
      /^Strata could not reach the Redis server at 127\.0\.0\.1:1 given by REDIS_URL \(.+\)\. Start Redis there, or unset REDIS_URL to use the in-process bus\.$/,
    );
  });
});
