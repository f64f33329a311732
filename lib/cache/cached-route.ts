// cached(handler): a web-standard route handler, (request, context) => Response, whose GET
// responses are cached whole (status, headers, body) and answered with an X-Cache header.
import { shortHash } from "./keys";
import type { GetOrSetOptions, Loaded, Loader } from "./options";
import type { CacheResult } from "./trace";

export type RouteHandler<C> = (request: Request, context: C) => Response | Promise<Response>;

/** Anything with zod's safeParse: the query parameters a route accepts, with their defaults. */
interface QuerySchema {
  safeParse(input: Record<string, string>): { success: true; data: unknown } | { success: false };
}

export interface CachedOptions extends Omit<GetOrSetOptions<StoredResponse>, "shouldCache"> {
  /**
   * Key on the sorted query parameters too (hashed); otherwise every query shares one entry.
   * Any parameter counts, so a client adding `&junk=<random>` makes a new entry each time: routes
   * open to everyone should pass `query` instead.
   */
  queryString?: boolean;
  /**
   * Key on the query as this schema parses it: unknown parameters are dropped, defaults filled in
   * (`?limit=10`, `?limit=010` and no limit at all are one entry). A query the schema refuses is
   * not cached at all (BYPASS): the handler answers it, typically with a 400.
   */
  query?: QuerySchema;
  /** Return true to skip the cache for this request (X-Cache: BYPASS). */
  unless?: (request: Request) => boolean | Promise<boolean>;
  /** A string replaces "view" in `view:<path>`; a function returns the whole key. */
  keyPrefix?: string | ((request: Request) => string | Promise<string>);
  /**
   * The group (see Cache.groupVersion) whose version goes into the key, so that forgetGroup
   * drops every variant of the response at once. When Redis cannot say the version, the
   * request is not cached (BYPASS).
   */
  group?: string | ((request: Request) => string);
  /** Which responses are stored; by default 2xx. Responses that set cookies never are. */
  responseFilter?: (response: Response) => boolean;
}

/**
 * A response as stored: public through index.ts, though the app itself names it only here.
 * @public
 */
export interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: string;
  encoding: "utf8" | "base64";
}

export interface RouteHost {
  getOrSetWithResult<T>(
    key: string,
    loader: Loader<T>,
    options: GetOrSetOptions<T>,
  ): Promise<Loaded<T>>;
  bypass(key: string, started: number | undefined): void;
  groupVersion(name: string): Promise<string | null>;
  traceStart(): number | undefined;
}

export function cacheResponses<C>(
  host: RouteHost,
  handler: RouteHandler<C>,
  options: CachedOptions,
): (request: Request, context: C) => Promise<Response> {
  const {
    queryString,
    query,
    unless,
    keyPrefix,
    group,
    responseFilter = (response) => response.ok,
    ...readOptions
  } = options;
  // Snapshots the handler produced but that must not be stored; shared with the other
  // callers of the same single flight all the same.
  const uncacheable = new WeakSet<StoredResponse>();

  return async (request, context) => {
    const started = host.traceStart();
    const skipped = request.method !== "GET" || (await unless?.(request));
    const version =
      skipped || group === undefined
        ? ""
        : await host.groupVersion(typeof group === "string" ? group : group(request));
    const key = await routeKey(request, keyPrefix, queryString, query, version);
    if (key === null || skipped || version === null) {
      const response = await handler(request, context);
      host.bypass(key ?? "(invalid query)", started);
      return withCacheHeader(response, "BYPASS");
    }
    const loaded = await host.getOrSetWithResult(
      key,
      async () => {
        const response = await handler(request, context);
        const stored = await storeResponse(response);
        // A Set-Cookie belongs to one visitor: replaying it to others would share a session.
        if (!responseFilter(response) || response.headers.has("set-cookie"))
          uncacheable.add(stored);
        return stored;
      },
      { ...readOptions, shouldCache: (stored) => !uncacheable.has(stored) },
    );
    // Redis trouble is, for the client, simply a response the cache did not serve.
    return replay(loaded.value, loaded.result === "ERROR" ? "MISS" : loaded.result);
  };
}

async function routeKey(
  request: Request,
  keyPrefix: CachedOptions["keyPrefix"],
  queryString: boolean | undefined,
  query: QuerySchema | undefined,
  version: string | null,
): Promise<string | null> {
  const url = new URL(request.url);
  const prefix =
    typeof keyPrefix === "function"
      ? await keyPrefix(request)
      : `${keyPrefix ?? "view"}:${url.pathname}`;
  const base = version ? `${prefix}:g${version}` : prefix;
  if (query) {
    const parsed = query.safeParse(Object.fromEntries(url.searchParams));
    return parsed.success ? `${base}:${shortHash(canonicalJson(parsed.data))}` : null;
  }
  if (!queryString) return base;
  const params = new URLSearchParams(url.search);
  params.sort(); // ?b=2&a=1 and ?a=1&b=2 are one entry
  const sorted = params.toString();
  return sorted === "" ? base : `${base}:${shortHash(sorted)}`;
}

// JSON with object keys sorted, so the order parameters arrive in does not change the key.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function storeResponse(response: Response): Promise<StoredResponse> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers].filter(([name]) => name !== "x-cache");
  try {
    // Text bodies (JSON, HTML) stay readable in redis-cli; binary ones travel as base64.
    const body = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { status: response.status, headers, body, encoding: "utf8" };
  } catch {
    return {
      status: response.status,
      headers,
      body: Buffer.from(bytes).toString("base64"),
      encoding: "base64",
    };
  }
}

function replay(stored: StoredResponse, result: CacheResult): Response {
  const body = stored.encoding === "base64" ? Buffer.from(stored.body, "base64") : stored.body;
  // Statuses such as 204 and 304 must not carry a body at all, not even an empty one.
  const response = new Response(stored.body === "" ? null : body, {
    status: stored.status,
    headers: stored.headers,
  });
  response.headers.set("X-Cache", result);
  return response;
}

// The handler's own Response may have immutable headers (Response.redirect), so copy it.
function withCacheHeader(response: Response, result: CacheResult): Response {
  const copy = new Response(response.body, response);
  copy.headers.set("X-Cache", result);
  return copy;
}
