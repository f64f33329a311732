// Which version of each memoized function this process may use without asking Redis, so that a
// memoized hit is one plain GET of its entry. Redis' server-assisted client-side caching, in
// broadcast mode: one connection per cache asks Redis (CLIENT TRACKING ... BCAST PREFIX) to push
// the name of every version key of the namespace that changes (deleteMemoized's INCR, a renewed
// TTL, expiry, eviction, a flush), and receives those pushes itself (REDIRECT to its own id,
// subscribed to __redis__:invalidate; RESP2 needs no second connection for it). The connection
// speaks RESP2 whatever its client speaks: to a RESP3 connection Redis sends `invalidate` pushes
// instead, which ioredis 6 does not hand to a listener.
// A version is trusted only while that connection is up and subscribed: when it drops, pushes
// sent meanwhile are lost, so every version is forgotten and asked again once it is back.
import type { Redis } from "ioredis";
import { replyCode } from "../redis/errors";
import type { ThrottledLog } from "../redis/throttled-log";
import { outsideRequests } from "../util/request-context";
import type { Keys } from "./keys";

const CHANNEL = "__redis__:invalidate";

export class MemoVersions {
  // Per function: the version this process read last, and until when (epoch ms) Redis keeps it;
  // Infinity when it will not expire. Per name, not per memoized copy: Next builds a module into
  // several bundles, each with its own memoize() of the same function, and a version one copy
  // learned must be the one every copy uses.
  private readonly known = new Map<string, { version: string; until: number }>();
  // Moves on every push and every loss: an answer asked for before it moved may be out of date.
  private epoch = 0;
  private live = false;
  private connection: Redis | undefined;
  // Closed with its cache, or refused by Redis: never opened again.
  private ended = false;

  private stopFollowing: (() => void) | undefined;

  /** `client`: the cache's client, which the watch copies; none for a cache that never asks Redis. */
  constructor(
    private readonly client: (() => Redis) | undefined,
    private readonly keys: Keys,
    private readonly log: ThrottledLog,
    private readonly now: () => number,
  ) {}

  /**
   * The version of `name` this process may use without asking Redis, and until when; undefined
   * when it must ask. Starts watching on first use.
   */
  trusted(name: string): { version: string; until: number } | undefined {
    if (this.live) return this.known.get(name);
    this.watch();
    return undefined;
  }

  /** Taken before asking Redis for a version: learn() keeps the answer only if nothing moved since. */
  ticket(): number {
    return this.epoch;
  }

  /** The version just read may be trusted: `ttlMs` is its key's PTTL (negative: no expiry, or no key). */
  learn(name: string, version: string, ttlMs: number, ticket: number): void {
    if (!this.live || ticket !== this.epoch) return;
    this.known.set(name, { version, until: ttlMs >= 0 ? this.now() + ttlMs : Infinity });
  }

  /** One function's version (or all) must be asked again: this process just changed it. */
  forget(name?: string): void {
    this.epoch += 1;
    if (name === undefined) this.known.clear();
    else this.known.delete(name);
  }

  close(): void {
    this.ended = true;
    this.stop();
  }

  // The watch goes with the client it copies; the next memoized call opens it again if the
  // client is connected again (ioredis' connect() after an `end`).
  private stop(): void {
    this.live = false;
    this.forget();
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
    // Subscribed, the connection can send nothing else: it is one of its own, which ends with the
    // client it copies.
    const connection = client.duplicate({ autoResubscribe: false, protocol: 2 });
    this.connection = connection;
    const end = () => this.stop();
    client.once("end", end);
    this.stopFollowing = () => client.off("end", end);
    // A helper of the cache's client: it must not keep a process alive that is done with that.
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
    // the cache's own commands meet the same outage and report it, and calls go on without it.
    connection.on("error", () => {});
  }

  // On every (re)connection: tracking and subscription die with the connection that held them.
  private async subscribe(connection: Redis): Promise<void> {
    try {
      const id = await connection.client("ID");
      const prefix = this.keys.memoVersionPrefix();
      await connection.call("CLIENT", "TRACKING", "ON", "REDIRECT", id, "BCAST", "PREFIX", prefix);
      await connection.subscribe(CHANNEL);
      if (connection !== this.connection) return;
      this.forget();
      this.live = true;
    } catch (error) {
      // A lost connection is retried by ioredis, and "ready" comes again. A refusal (a Redis
      // before 6, CLIENT denied by an ACL) is final: versions are then asked on every call.
      if (replyCode(error) === undefined || connection !== this.connection) return;
      this.close();
      this.log.warn("memo-versions", `versions are read on every call: ${String(error)}`);
    }
  }

  private pushed(channel: Buffer, keys: Buffer[] | null): void {
    if (channel.toString() !== CHANNEL) return;
    if (keys === null) {
      this.forget(); // FLUSHDB or FLUSHALL: every key changed
      return;
    }
    this.epoch += 1;
    for (const key of keys) {
      const name = this.keys.memoNameOf(key.toString());
      if (name !== undefined) this.known.delete(name);
    }
  }
}
