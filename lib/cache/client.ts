// Which ioredis connection a cache uses. The client (or a factory, called on first use so
// that importing a module opens no connection) is shared with the app. Only when the cache
// asks for another DB index of a single Redis does it open a connection of its own, a duplicate
// of the app's client with the same options, which it closes on close().
import type { Redis } from "ioredis";
import type { RedisClient } from "../redis/client";
import type { ThrottledLog } from "../redis/throttled-log";

export type RedisSource = RedisClient | (() => RedisClient);

export class ClientHandle {
  private client: RedisClient | undefined;
  private owned = false;

  constructor(
    private readonly source: RedisSource,
    private readonly db: number | undefined,
    private readonly log: ThrottledLog,
  ) {}

  get(): RedisClient {
    if (this.client) return this.client;
    const base = typeof this.source === "function" ? this.source() : this.source;
    // A Cluster has DB 0 only: there the cache's namespace alone keeps its keys apart.
    if (this.db === undefined || base.isCluster || ((base as Redis).options.db ?? 0) === this.db) {
      this.client = base;
      return base;
    }
    const own = (base as Redis).duplicate({ db: this.db });
    // Without a listener ioredis prints every connection error; ours go to the rate-limited log.
    own.on("error", (error: Error) =>
      this.log.warn("connection", `Redis connection: ${error.message}`),
    );
    this.client = own;
    this.owned = true;
    return own;
  }

  close(): void {
    if (this.owned) this.client?.disconnect();
    this.client = undefined;
    this.owned = false;
  }
}
