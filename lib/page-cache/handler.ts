// The page cache in front of Next's request handler: the tutorial's view caching
// (`@cache.cached(timeout=...)`) applied to whole pages, for readers who are not signed in.
//   HIT     a fresh stored page, sent without calling Next (one Redis GET)
//   STALE   a page past its fresh time: sent at once, and refreshed in the background by one
//           process (the library's lock)
//   MISS    rendered once per process and across processes (the lock; others wait for it),
//           stored, sent; also when Redis is away, then straight from Next
//   BYPASS  a request that must not share a page (API key, RSC, not GET/HEAD; signed in, on a
//           page without a member variant)
// A signed-in reader on a page with a member variant (./variant.ts) gets that variant the same
// way; where it cannot be stored (a draft only its author may read), Next renders for them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setHeaderPairs } from "../http/header-pairs";
import { errorMessage } from "../util/error-message";
import { buildEntry, type PageEntry } from "./entry";
import {
  isRenderRequest,
  isShareable,
  type Rendered,
  type RenderTarget,
  renderPage,
} from "./render";
import { decide, type RouteTable, targetOf } from "./request";
import { type PageOutcome, pageTiming, sendEntry, sendRendered, storableHeaders } from "./respond";
import { withScriptHashes } from "./script-policy";
import type { PageStore } from "./store";
import { MEMBER_VARIANT, PAGE_VARIANT_HEADER, type Page, pageOf } from "./variant";

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface PageCacheSettings {
  /** Which pages are cached (the blog's: lib/blog/page-routes.ts). */
  routes: RouteTable;
  freshSeconds: number;
  /** How long a CDN may answer without asking (s-maxage). */
  sharedSeconds: number;
  /** How long a miss waits for another process's render before rendering itself. */
  lockWaitMs: number;
  /** Told how long each answer took, by outcome (BYPASS: until it was handed to Next). */
  observe?: (outcome: PageOutcome, ms: number) => void;
}

type Render = { entry: PageEntry } | { raw: Rendered } | null;

export class PageCache {
  private readonly inFlight = new Map<string, Promise<Render>>();

  constructor(
    private readonly store: PageStore,
    private readonly target: RenderTarget,
    private readonly next: NextHandler,
    private readonly settings: PageCacheSettings,
    private readonly onError: (message: string) => void = (message) => console.warn(message),
  ) {}

  /** A render this page cache asked for (marked with its token), from this process or another. */
  isRender(req: IncomingMessage): boolean {
    return isRenderRequest(req.headers, this.target.token);
  }

  /**
   * `answerHeaders`: what the server puts on every answer (its request id), as name and value
   * pairs: written with a stored page, set on the response before Next gets it.
   */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    answerHeaders: readonly string[] = [],
  ): Promise<void> {
    if (isRenderRequest(req.headers, this.target.token))
      return this.toNext(req, res, answerHeaders);
    delete req.headers[PAGE_VARIANT_HEADER];
    const started = performance.now();
    const decision = decide(
      this.settings.routes,
      req.method,
      targetOf(req.url ?? "/"),
      req.headers,
    );
    if (!decision.route) return this.toNext(req, res, answerHeaders);
    if (decision.bypass)
      return this.pass(req, res, answerHeaders, "BYPASS", started, decision.bypass);
    const route = pageOf(decision);
    const read = await this.store.read(route.key, route.tags);
    if (read.status === "error")
      return this.pass(req, res, answerHeaders, "MISS", started, "redis unavailable");
    if (read.status === "hit") {
      this.store.count(read.stale ? "stale" : "hits");
      if (read.stale) void this.render(route, false);
      const outcome = read.stale ? "STALE" : "HIT";
      return sendEntry(req, res, read.entry, outcome, this.timing(outcome, started), answerHeaders);
    }
    this.store.count("misses");
    const rendered = await this.render(route, true);
    if (rendered && "entry" in rendered)
      return sendEntry(
        req,
        res,
        rendered.entry,
        "MISS",
        this.timing("MISS", started),
        answerHeaders,
      );
    // A member variant not stored was rendered without the reader: Next renders for them.
    if (!rendered || route.member)
      return this.pass(req, res, answerHeaders, "MISS", started, "rendered by Next");
    setHeaderPairs(res, answerHeaders);
    sendRendered(req, res, rendered.raw, pageTiming("MISS", this.elapsed("MISS", started)));
  }

  // One render per page at a time in this process; `wait` says whether a caller needs its result.
  private render(route: Page, wait: boolean): Promise<Render> {
    const running = this.inFlight.get(route.key);
    if (running) return wait ? running : Promise.resolve(null);
    const work = this.renderUnderLock(route, wait).catch((error: unknown) => {
      this.onError(`page cache: ${route.key} not rendered: ${errorMessage(error)}`);
      return null;
    });
    this.inFlight.set(route.key, work);
    void work.finally(() => this.inFlight.delete(route.key));
    return work;
  }

  private async renderUnderLock(route: Page, wait: boolean): Promise<Render> {
    const lock = await this.store.lock(route.key);
    if (!lock.ok) return null;
    if (lock.value === null) {
      if (!wait) return null;
      const entry = await this.store.waitForRender(route.key, this.settings.lockWaitMs);
      return entry && { entry };
    }
    try {
      const generations = await this.store.tags.generations(route.tags);
      // The page's policy names its own inline scripts by hash, stored or sent raw.
      const rendered = withScriptHashes(
        await renderPage(this.target, route.path, route.member && MEMBER_VARIANT),
      );
      if (!rendered) return null;
      if (!isShareable(rendered)) return rendered.headers["set-cookie"] ? null : { raw: rendered };
      this.store.count("loaderCalls");
      const entry = buildEntry(
        {
          status: rendered.status,
          headers: storableHeaders(rendered.headers),
          body: rendered.body,
          tags: route.tags,
        },
        this.settings.freshSeconds,
      );
      if (generations) await this.store.write(route.key, entry, generations);
      return { entry };
    } finally {
      await this.store.unlock(route.key, lock.value);
    }
  }

  private pass(
    req: IncomingMessage,
    res: ServerResponse,
    answerHeaders: readonly string[],
    outcome: PageOutcome,
    started: number,
    why: string,
  ) {
    res.setHeader("x-cache", outcome);
    res.setHeader("server-timing", pageTiming(outcome, this.elapsed(outcome, started), { why }));
    return this.toNext(req, res, answerHeaders);
  }

  // Next answers, with the server's headers on its response.
  private toNext(req: IncomingMessage, res: ServerResponse, answerHeaders: readonly string[]) {
    setHeaderPairs(res, answerHeaders);
    return this.next(req, res);
  }

  private timing(outcome: PageOutcome, started: number) {
    return { sharedSeconds: this.settings.sharedSeconds, lookupMs: this.elapsed(outcome, started) };
  }

  private elapsed(outcome: PageOutcome, started: number): number {
    const ms = performance.now() - started;
    this.settings.observe?.(outcome, ms);
    return ms;
  }
}
