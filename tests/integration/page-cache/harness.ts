// A page cache under test: the real PageCache and PageStore against the test Redis, in front of
// a real node:http "app" that stands in for Next's request handler (the framework boundary).
// Each front server is one app process: its loopback renders target its own port, exactly as
// server.ts wires them. Several fronts on one Redis and one build id are several processes.

import { randomBytes } from "node:crypto";
import { once } from "node:events";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { pageRoute } from "@/lib/blog/page-routes";
import { PageCache } from "@/lib/page-cache/handler";
import { RENDER_HEADER, renderToken } from "@/lib/page-cache/render";
import { PAGE_NAMESPACE, PageStore, type PageStoreOptions } from "@/lib/page-cache/store";
import type { RedisClient } from "@/lib/redis/client";
import { deleteNamespace, keysMatching, patient, testRedis } from "../../helpers/redis";

export type AppRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  render: boolean;
};
type Behaviour = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const FILLER = "<p>Caching whole pages in Redis, compressed once when stored.</p>".repeat(60);

/** What Next would answer: an HTML page naming its path and how many times it was rendered. */
export class FakeApp {
  readonly requests: AppRequest[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private renders = 0;

  constructor(readonly token: string) {}

  /** Gives one path (with its query) its own answer instead of the standard page. */
  on(url: string, behaviour: Behaviour): void {
    this.behaviours.set(url, behaviour);
  }

  /** Requests that were loopback renders of the page cache (carrying its token). */
  renderCount(url?: string): number {
    return this.requests.filter((r) => r.render && (url === undefined || r.url === url)).length;
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? "/";
    this.requests.push({
      method: req.method ?? "GET",
      url,
      headers: req.headers,
      render: req.headers[RENDER_HEADER] === this.token,
    });
    const behaviour = this.behaviours.get(url);
    if (behaviour) return behaviour(req, res);
    if (req.headers.rsc !== undefined || url.includes("_rsc=")) {
      res.writeHead(200, { "content-type": "text/x-component" }).end(`rsc payload of ${url}`);
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-powered-by": "fake-next" });
    res.end(page(url, ++this.renders));
  };
}

export function page(url: string, render: number): string {
  return `<!doctype html><html><body><h1>${url}</h1><p id="render">render ${render}</p>${FILLER}</body></html>`;
}

export interface Front {
  cache: PageCache;
  store: PageStore;
  port: number;
  origin: string;
  close(): Promise<void>;
}

/** One app process: a front server running PageCache.handle, whose renders come back to it. */
export async function startFront(
  app: FakeApp,
  options: {
    buildId: string;
    redis?: RedisClient;
    store?: Partial<PageStoreOptions>;
    lockWaitMs?: number;
  },
): Promise<Front> {
  let cache: PageCache | undefined;
  const server: Server = createServer((req, res) => {
    cache!.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const store = new PageStore({
    redis: options.redis ?? testRedis(),
    buildId: options.buildId,
    freshSeconds: 60,
    staleSeconds: 60,
    maxEntryBytes: 1_048_576,
    ...patient,
    lockTimeoutMs: 10_000,
    logger: { warn: () => {} },
    ...options.store,
  });
  const target = { port, token: app.token, timeoutMs: 10_000, maxBodyBytes: 8 * 1_048_576 };
  cache = new PageCache(
    store,
    target,
    app.handle,
    {
      routes: pageRoute,
      freshSeconds: store.options.freshSeconds,
      sharedSeconds: 5,
      lockWaitMs: options.lockWaitMs ?? 5000,
    },
    () => {},
  );
  return {
    cache,
    store,
    port,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      await store.close();
    },
  };
}

/**
 * Hooks for a file whose every test has its own app and front server (of a new build), and
 * leaves no page-cache key behind. The returned fields are set before each test.
 */
export function frontPerTest(): { redis: RedisClient; app: FakeApp; front: Front } {
  const site = { redis: testRedis() } as { redis: RedisClient; app: FakeApp; front: Front };
  beforeAll(() => clearPageCache(site.redis));
  beforeEach(async () => {
    site.app = new FakeApp(newToken());
    site.front = await startFront(site.app, { buildId: newBuildId() });
  });
  afterEach(async () => {
    await site.front.close();
    await clearPageCache(site.redis);
  });
  afterAll(() => site.redis.quit());
  return site;
}

export const newBuildId = () => `test-${randomBytes(4).toString("hex")}`;
export const newToken = () => renderToken(randomBytes(16).toString("hex"));

/** Every page-cache key (entries, locks, tags, generations, stats) on the test Redis DB. */
export const clearPageCache = (client: RedisClient) => deleteNamespace(client, PAGE_NAMESPACE);

/** The entry keys stored for this build, sorted (SCAN, as the app does; never KEYS). */
export const storedPaths = (client: RedisClient, store: PageStore) =>
  keysMatching(client, store.entryKey("*"));

export type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** A raw HTTP request (fetch would decompress and hide Content-Encoding). */
export function get(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
