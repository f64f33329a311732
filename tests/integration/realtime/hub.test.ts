// The subscription hub on connections of its own: reference counting, one ioredis handler for
// any number of listeners, and recovery after Redis restarts. Subscriptions are counted by
// Redis (PUBSUB NUMSUB, on every node of a Cluster), not by the hub's own bookkeeping.

import { randomBytes } from "node:crypto";
import { Cluster } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SubscriptionHub } from "@/lib/realtime/hub";
import type { RedisClient } from "@/lib/redis/client";
import { ThrottledLog as QuietLog } from "@/lib/redis/throttled-log";
import { logger } from "@/lib/util/logger";
import { PrivateRedis } from "../../helpers/private-redis";
import { testRedis } from "../../helpers/redis";
import { eventually, nodeSubscribedTo, numsub } from "./helpers";

const channel = (label: string) => `test:realtime:${label}:${randomBytes(4).toString("hex")}`;

// The app's subscriber options (lib/redis/client.ts, lib/realtime/subscriber.ts), on the server
// at `url`, or without one on the test Redis the other clients use: under `npm run test:cluster`
// a Cluster client, as the app's subscriber is there (testRedis()).
function subscriberFor(url?: string): RedisClient {
  return testRedis(
    {
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      autoResubscribe: false,
      retryStrategy: () => 100,
    },
    url,
  );
}

describe("SubscriptionHub on the shared test Redis", () => {
  let subscriber: RedisClient;
  let admin: RedisClient;
  let hub: SubscriptionHub;
  beforeAll(() => {
    subscriber = subscriberFor();
    admin = testRedis();
    hub = new SubscriptionHub(subscriber);
  });
  afterAll(() => {
    subscriber.disconnect();
    admin.disconnect();
  });

  it("subscribes on the first listener and unsubscribes when the last one leaves", async () => {
    const name = channel("refcount");
    const first = hub.listen(name, () => {});
    const second = hub.listen(name, () => {});
    expect(await first.ready).toBe(true);
    expect(await second.ready).toBe(true);
    expect(await numsub(admin, name)).toBe(1);
    expect(hub.listenerCount(name)).toBe(2);

    first.close();
    first.close(); // closing twice must not take the other listener with it
    expect(hub.listenerCount(name)).toBe(1);
    // Commands leave in order: once a later SUBSCRIBE is confirmed, an UNSUBSCRIBE would have landed.
    const probe = hub.listen(channel("probe"), () => {});
    await probe.ready;
    expect(await numsub(admin, name)).toBe(1);

    second.close();
    probe.close();
    await eventually(async () => expect(await numsub(admin, name)).toBe(0));
    expect(hub.stats()).toEqual([]);
  });

  it("serves 50 listeners of one channel with one subscription and one ioredis handler", async () => {
    const name = channel("fanout");
    const received = Array.from({ length: 50 }, () => [] as string[]);
    const subscriptions = received.map((inbox) =>
      hub.listen(name, (message) => inbox.push(message)),
    );
    await Promise.all(subscriptions.map((s) => s.ready));

    expect(await numsub(admin, name)).toBe(1);
    expect(subscriber.listenerCount("message")).toBe(1);
    expect(hub.stats()).toEqual([{ channel: name, listeners: 50 }]);
    // One Redis receiver: this hub. A Cluster node's PUBLISH reply counts its own subscribers
    // only, so there the message is published on the node the hub's subscriber connected to.
    const publisher = admin instanceof Cluster ? await nodeSubscribedTo(admin, name) : admin;
    expect(await publisher.publish(name, "hello")).toBe(1);
    await eventually(() =>
      expect(received.every((inbox) => inbox.length === 1 && inbox[0] === "hello")).toBe(true),
    );

    for (const s of subscriptions) s.close();
    await eventually(async () => expect(await numsub(admin, name)).toBe(0));
    expect(subscriber.listenerCount("message")).toBe(1);
  });

  it("keeps delivering to the others when one listener throws", async () => {
    const name = channel("throwing");
    const got: string[] = [];
    const bad = hub.listen(name, () => {
      throw new Error("broken listener");
    });
    const good = hub.listen(name, (message) => got.push(message));
    await good.ready;
    await admin.publish(name, "still here");
    await eventually(() => expect(got).toEqual(["still here"]));
    bad.close();
    good.close();
  });

  it("ends up unsubscribed after subscribe, unsubscribe, subscribe, unsubscribe in one tick", async () => {
    const name = channel("churn");
    hub.listen(name, () => {}).close();
    const again = hub.listen(name, () => {});
    await again.ready;
    expect(await numsub(admin, name)).toBe(1);
    again.close();
    await eventually(async () => expect(await numsub(admin, name)).toBe(0));
  });

  it("drops a subscription it has no listener for when a message arrives on it", async () => {
    const name = channel("stale");
    await subscriber.subscribe(name); // as if an UNSUBSCRIBE had been lost
    expect(await numsub(admin, name)).toBe(1);
    await admin.publish(name, "anyone?");
    await eventually(async () => expect(await numsub(admin, name)).toBe(0));
  });
});

describe("SubscriptionHub across a Redis restart", () => {
  const server = new PrivateRedis();
  let subscriber: RedisClient;
  let hub: SubscriptionHub;
  const url = () => `redis://127.0.0.1:${server.port}`;
  beforeAll(async () => {
    await server.start();
    subscriber = subscriberFor(url());
    hub = new SubscriptionHub(subscriber, new QuietLog());
  });
  afterEach(() => server.ensureRunning());
  afterAll(async () => {
    subscriber.disconnect();
    await server.stop();
  });

  it("restores the channels it still wants, including one that failed while Redis was down", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    const kept = hub.listen("kept", () => {});
    const dropped = hub.listen("dropped", () => {});
    expect(await kept.ready).toBe(true);
    await dropped.ready;

    await server.stop();
    const received: string[] = [];
    const late = hub.listen("late", (message) => received.push(message));
    expect(await late.ready).toBe(false); // within the command timeout, not a hang
    dropped.close();
    await server.start();

    const admin = testRedis({}, url());
    await eventually(async () => {
      expect(await numsub(admin, "kept")).toBe(1);
      expect(await numsub(admin, "late")).toBe(1);
    });
    expect(await numsub(admin, "dropped")).toBe(0);
    await admin.publish("late", "after the restart");
    await eventually(() => expect(received).toEqual(["after the restart"]));
    expect(
      warn.mock.calls.filter(([line]) => String(line).includes("SUBSCRIBE failed")),
    ).toHaveLength(1);

    kept.close();
    late.close();
    admin.disconnect();
    warn.mockRestore();
  });
});
