import { AsyncLocalStorage } from "node:async_hooks";
import { Cluster, type Command } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArticle } from "@/lib/blog/pages/article";
import { loadHome } from "@/lib/blog/pages/home";
import { caches } from "@/lib/blog-cache/caches";
import { createPost } from "@/lib/domains/posts/mutations";
import {
  feedPageKey,
  getFeedPage,
  getPopularPosts,
  POPULAR_KEY,
  type PostDetail,
} from "@/lib/domains/posts/queries";
import type { PublicUser } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { redis } from "@/lib/platform/redis";
import { traced } from "@/lib/platform/request-trace";
import { deleteUsers, makeUser } from "../../helpers/factories";

// The budgets of issue 4, counted (not timed): SQL statements and Redis round trips of a page's data.
// A round trip is a batch of commands written at once (request-trace.ts: a command sent when no
// batch is open in this tick opens one). Auto-pipelining writes a batch per node: on one Redis
// server a tick's commands are one round trip; on a Cluster (`npm run test:cluster`) ioredis
// groups them by the master serving their slots and writes each group from a setImmediate of its
// own, between which the trace's batch closes, so a tick's commands are one round trip per master
// they went to. Those masters are read from the commands themselves (sentBy), not assumed.
const clustered = () => redis() instanceof Cluster;

// Marks the commands of one traced() call, as the trace's own storage does: what else the
// process sends meanwhile (timers) is not recorded.
const recording = new AsyncLocalStorage<{ name: string; node: string }[]>();

// The app client's commands during `work`, in the order sent, each with the node serving its key
// (on one server, the server), and the trace of `work`.
async function sentBy<T>(work: () => Promise<T>) {
  const client = redis();
  const send = client.sendCommand;
  client.sendCommand = function (this: typeof client, command: Command, ...rest: unknown[]) {
    const node =
      client instanceof Cluster ? (client.slots[command.getSlot()]?.[0] ?? "unmapped") : "server";
    recording.getStore()?.push({ name: command.name, node });
    return (send as (...args: unknown[]) => unknown).call(this, command, ...rest);
  } as typeof send;
  const sent: { name: string; node: string }[] = [];
  try {
    const { value, trace } = await recording.run(sent, () => traced(work));
    expect(trace.redisCommands).toBe(sent.length); // the trace counted just these
    return { value, trace, sent };
  } finally {
    client.sendCommand = send;
  }
}

const nodesOf = (sent: { node: string }[]) => new Set(sent.map((command) => command.node)).size;

let author: PublicUser;
let post: PostDetail;
beforeAll(async () => {
  author = await makeUser();
  // At least a full feed page, whatever else the test database holds.
  for (let i = 0; i < 20; i++)
    await createPost(author.id, { title: `Filler ${i}`, content: "A post to fill the feed." });
  post = await createPost(author.id, {
    title: "Budgeted article",
    content: "Counted, not timed. ".repeat(20),
  });
});
afterAll(() => deleteUsers(author.id));

describe("the counters behind the budgets", () => {
  it("count a Redis round trip per batch of commands sent in one tick, and each command", async () => {
    const client = redis();
    await client.ping(); // connected before counting
    const { trace, sent } = await sentBy(async () => {
      await client.get("budget:a");
      await client.get("budget:b");
      await Promise.all([
        client.get("budget:a"),
        client.get("budget:b"),
        client.exists("budget:c"),
      ]); // auto-pipelined
    });
    expect(trace.redisCommands).toBe(5);
    if (clustered()) {
      // One batch per master on a Cluster: the three keys' slots are served by more than one
      // master (else this would not show it), and the last tick costs one round trip for each.
      const lastTick = sent.slice(2);
      expect(nodesOf(lastTick)).toBeGreaterThan(1);
      expect(trace.redisRoundTrips).toBe(2 + nodesOf(lastTick));
    } else {
      expect(trace.redisRoundTrips).toBe(3);
    }
  });

  it("count each SQL statement", async () => {
    const { trace } = await traced(async () => {
      await db.user.count();
      await db.post.findFirst({ select: { id: true } });
    });
    expect(trace.sql).toBe(2);
  });
});

describe("budgets", () => {
  // The feed and the Popular box are loaded by 'use cache' components when Next's cache misses.
  const homeData = (viewer: PublicUser | null) =>
    Promise.all([loadHome(viewer), getFeedPage(1), getPopularPosts()]);
  // Warm from nothing: an entry another test left near its expiry could be refreshed early
  // (refresh-ahead) inside the measured call, and that refresh's commands would count too. Warm
  // also means the process knows the generation of the feed's tag, which each read of a feed
  // page checks (docs/decisions/029): once the feed cache's watch is up, a read learns it and the
  // next ones are a GET of the page alone; until then they read the generation with the page.
  // On a Cluster nothing is watched (lib/cache/tracked-keys.ts): every read asks for the
  // generation beside the page, so a warm read of a feed page is those two GETs.
  const feedReadCommands = () => (clustered() ? 2 : 1);
  const warmHome = async (viewer: PublicUser | null) => {
    await Promise.all([caches().popular.delete(POPULAR_KEY), caches().feed.delete(feedPageKey(1))]);
    await homeData(viewer);
    await expect
      .poll(async () => (await traced(() => getFeedPage(1))).trace.redisCommands)
      .toBe(feedReadCommands());
  };

  it("a warm home page costs no SQL and 1 Redis round trip", async () => {
    await warmHome(null);
    const { trace, sent } = await sentBy(() => homeData(null));
    expect(trace.cache.map((e) => `${e.namespace} ${e.result}`).sort()).toEqual([
      "cache:feed HIT",
      "cache:popular HIT",
    ]);
    expect(trace.sql).toBe(0);
    // The feed's GET and the Popular box's GET leave in one auto-pipelined write.
    expect(trace.redisCommands).toBe(feedReadCommands() + 1);
    // On a Cluster that write is one per master serving the keys read.
    expect(trace.redisRoundTrips).toBe(clustered() ? nodesOf(sent) : 1);
  });

  it("also for a signed-in reader with the sidebar fragment", async () => {
    await warmHome(author);
    const { trace, sent } = await sentBy(() => homeData(author));
    expect(trace.cache.map((e) => `${e.namespace} ${e.result}`)).toContain("cache:fragment HIT");
    expect(trace.cache.every((e) => e.result === "HIT")).toBe(true);
    expect(trace.sql).toBe(0);
    // The sidebar fragment's GET joins the same write (on a Cluster, one per master).
    expect(trace.redisCommands).toBe(feedReadCommands() + 2);
    expect(trace.redisRoundTrips).toBe(clustered() ? nodesOf(sent) : 1);
  });

  it("a warm article page costs no SQL and 2 Redis round trips", async () => {
    await loadArticle(post.slug, null);
    const { value, trace, sent } = await sentBy(() => loadArticle(post.slug, null));
    expect(value?.post.id).toBe(post.id);
    // The post, then its comments, both hits (an empty trace is no proof). The rendered HTML is
    // read by the 'use cache' body (app/_cached/ArticleBody.tsx) only when Next's cache misses.
    expect(trace.cache.map((e) => `${e.namespace}:${e.key.split("(")[0].split(":")[0]}`)).toEqual([
      "cache:post:memo",
      "cache:comment:post",
    ]);
    expect(trace.cache.every((e) => e.result === "HIT")).toBe(true);
    expect(trace.sql).toBe(0);
    // The memoized post is one (a GET of its entry once Redis watches its version, one script
    // reading both before: decision 021), then the comments with the views.
    if (clustered()) {
      // No version is watched on a Cluster: the hit is always the script, on the one master of
      // the function's {hash tag}; the comments and the views then cost one round trip for
      // each master serving them.
      expect(sent[0].name).toBe("evalsha");
      expect(trace.redisRoundTrips).toBe(1 + nodesOf(sent.slice(1)));
    } else {
      expect(trace.redisRoundTrips).toBe(2);
    }
  });

  it("a cold feed page of 20 posts with their authors costs at most 2 SQL statements", async () => {
    await caches().feed.delete(feedPageKey(1));
    const { value, trace } = await traced(() => getFeedPage(1));
    expect(value.posts).toHaveLength(20);
    expect(value.posts.every((p) => p.author.username)).toBe(true);
    expect(trace.cache.map((e) => e.result)).toEqual(["MISS"]);
    expect(trace.sql).toBeLessThanOrEqual(2);
  });
});
