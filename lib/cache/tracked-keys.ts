// Values of invalidation records (memo versions, tag generations) that this process may use
// without asking Redis, so that a hit is one plain GET of its entry. Redis' server-assisted
// client-side caching, in broadcast mode: one connection asks Redis (CLIENT TRACKING ... BCAST
// PREFIX, one PREFIX per kind of record) to push the name of every key under those prefixes that
// changes (a bump's SET, a renewed TTL, expiry, eviction, a flush), and receives those pushes
// itself (REDIRECT to its own id, subscribed to __redis__:invalidate; RESP2 needs no second
// connection for it). The connection speaks RESP2 whatever its client speaks: to a RESP3
// connection Redis sends `invalidate` pushes instead, which ioredis 6 does not hand to a listener.
// A value is trusted only while that connection is up and subscribed: when it drops, pushes sent
// meanwhile are lost, so every value is forgotten and asked again once it is back.
// Known values are not read by hits, so Redis would see their keys as the least recently (and
// least frequently) used of all, first to go under an evicting policy (allkeys-lru/lfu), and
// each eviction costs every entry under the record a miss. So once a second the keys used since
// are TOUCHed: a read that changes nothing, of which Redis pushes nothing; from a timer, not from
// the hits, which stay one GET each.
// On a Redis Cluster nothing is tracked: each master pushes only its own keys, and a watch per
// master would have to follow every failover and resharding. Values are then asked on every call,
// which the callers do in the same round trip as the entry (its {hash tag} puts both on one node).
import type { Redis } from "ioredis";
import type { Run } from "../redis/breaker";
import type { RedisClient } from "../redis/client";
import { replyCode } from "../redis/errors";
import type { ThrottledLog } from "../redis/throttled-log";
import { outsideRequests } from "../util/request-context";

const CHANNEL = "__redis__:invalidate";
const TOUCH_INTERVAL_MS = 1000;
// Records are named by what readers ask for (a page's tags name its slug), so a stranger can make
// any number of them; forgetting a value only costs asking Redis again, so the oldest learnt go.
const MAX_KNOWN = 10_000;

export class TrackedKeys {
  // Per key: the value this process read last, and until when (epoch ms) Redis keeps it; Infinity
  // when it will not expire. Per key, not per caller: Next builds a module into several bundles,
  // each with its own memoize() of the same function, and a value one copy learned must be the
  // one every copy uses.
  private readonly known = new Map<string, { value: string; until: number }>();
  // Moves on every push and every loss: an answer asked for before it moved may be out of date.
  private epoch = 0;
  private live = false;
  private connection: RedisClient | undefined;
  // Closed with its owner, or refused by Redis: never opened again.
  private ended = false;

  private stopFollowing: (() => void) | undefined;
  // Keys whose known value was used since the last TOUCH, and the timer that sends it.
  private readonly used = new Set<string>();
  private warmer: NodeJS.Timeout | undefined;

  /**
   * `client`: the owner's client, which the watch copies; none for an owner that never asks
   * Redis. `run`: the owner's way to send a command (TOUCH). `prefixes`: the keys watched;
   * nothing else may be learnt.
   */
  constructor(
    private readonly client: (() => RedisClient) | undefined,
    private readonly run: Run,
    private readonly prefixes: readonly string[],
    private readonly log: ThrottledLog,
    private readonly now: () => number,
  ) {}

  /**
   * The value of `key` this process may use without asking Redis, and until when; undefined when
   * it must ask. Starts watching on first use.
   */
  trusted(key: string): { value: string; until: number } | undefined {
    if (!this.live) {
      this.watch();
      return undefined;
    }
    const known = this.known.get(key);
    if (known) this.keepWarm(key);
    return known;
  }

  /** Taken before asking Redis for a value: learn() keeps the answer only if nothing moved since. */
  ticket(): number {
    return this.epoch;
  }

  /** The value just read may be trusted: `ttlMs` is its key's PTTL (negative: no expiry). */
  learn(key: string, value: string, ttlMs: number, ticket: number): void {
    if (!this.live || ticket !== this.epoch) return;
    this.known.delete(key); // learnt again: the newest
    if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.keys().next().value as string);
    this.known.set(key, { value, until: ttlMs >= 0 ? this.now() + ttlMs : Infinity });
  }

  /** One key's value (or all) must be asked again: this process just changed it. */
  forget(key?: string): void {
    this.epoch += 1;
    if (key === undefined) this.known.clear();
    else this.known.delete(key);
  }

  close(): void {
    this.ended = true;
    this.stop();
  }

  // unref: a pending TOUCH never keeps the process alive.
  private keepWarm(key: string): void {
    this.used.add(key);
    this.warmer ??= outsideRequests(() =>
      setInterval(() => this.touchUsed(), TOUCH_INTERVAL_MS).unref(),
    );
  }

  // Not waited for, and its failure changes nothing: at worst a record is evicted, a miss each.
  private touchUsed(): void {
    if (this.used.size === 0) return;
    const keys = [...this.used];
    this.used.clear();
    void this.run((redis) => Promise.all(keys.map((one) => redis.touch(one))));
  }

  // The watch goes with the client it copies; the next trusted() opens it again if the client is
  // connected again (ioredis' connect() after an `end`).
  private stop(): void {
    this.live = false;
    this.forget();
    clearInterval(this.warmer);
    this.warmer = undefined;
    this.used.clear();
    this.stopFollowing?.();
    this.stopFollowing = undefined;
    this.connection?.disconnect();
    this.connection = undefined;
  }

  // The watch outlives the call that opened it: made outside its request's context.
  private watch(): void {
    if (this.connection || this.ended || !this.client) return;
    outsideRequests(() => this.open());
  }

  private open(): void {
    if (!this.client) return;
    const client = this.client();
    if (client.isCluster) {
      this.ended = true;
      return;
    }
    // Subscribed, the connection can send nothing else: it is one of its own, which ends with the
    // client it copies.
    const connection = (client as Redis).duplicate({ autoResubscribe: false, protocol: 2 });
    this.connection = connection;
    const end = () => this.stop();
    client.once("end", end);
    this.stopFollowing = () => client.off("end", end);
    // A helper of the owner's client: it must not keep a process alive that is done with that.
    connection.on("connect", () => connection.stream.unref());
    connection.on("ready", () => void this.subscribe(connection));
    // A connection replaced since (stop, then a new watch) is no longer heard.
    connection.on("close", () => {
      if (connection !== this.connection) return;
      this.live = false;
      this.forget();
    });
    connection.on("messageBuffer", (channel: Buffer, keys: Buffer[] | null) => {
      if (connection === this.connection) this.pushed(channel, keys);
    });
    // Without a listener ioredis prints every connection error. This connection's are not news:
    // the owner's own commands meet the same outage and report it, and calls go on without it.
    connection.on("error", () => {});
  }

  // On every (re)connection: tracking and subscription die with the connection that held them.
  private async subscribe(connection: RedisClient): Promise<void> {
    try {
      const id = await connection.client("ID");
      const prefixes = this.prefixes.flatMap((prefix) => ["PREFIX", prefix]);
      await connection.call("CLIENT", "TRACKING", "ON", "REDIRECT", id, "BCAST", ...prefixes);
      await connection.subscribe(CHANNEL);
      if (connection !== this.connection) return;
      this.forget();
      this.live = true;
    } catch (error) {
      // A lost connection is retried by ioredis, and "ready" comes again. A refusal (a Redis
      // before 6, CLIENT denied by an ACL) is final: values are then asked on every call.
      if (replyCode(error) === undefined || connection !== this.connection) return;
      this.close();
      this.log.warn("tracked-keys", `records are read on every call: ${String(error)}`);
    }
  }

  private pushed(channel: Buffer, keys: Buffer[] | null): void {
    if (channel.toString() !== CHANNEL) return;
    if (keys === null) {
      this.forget(); // FLUSHDB or FLUSHALL: every key changed
      return;
    }
    this.epoch += 1;
    for (const key of keys) this.known.delete(key.toString());
  }
}
