// The load of `npm run bench:scale`: autocannon in this process, as bench:http runs it, a closed
// loop of a fixed number of connections (each sends its next request once the last is answered),
// so every setup is offered the same concurrency by the same client on the same cores, and what
// differs is how fast it answers. Every answer's status and X-Cache are counted, and its latency
// kept, so the percentiles are over all the rounds of a setup rather than an average of rounds'.
import autocannon from "autocannon";

/** As a browser asks: the app compresses what it answers, behind nginx or not. */
const BROWSER = { "accept-encoding": "gzip, br" };
const SAMPLES = 5;

export type Workload = {
  name: string;
  /** Every connection goes through these in turn (several members, several pages). */
  requests: {
    path: string;
    method?: "GET" | "POST";
    headers?: Record<string, string>;
    body?: string;
  }[];
  /** A write, measured for the capacity plan: the 1.5x goal is set for the reads only. */
  write?: true;
};

export type Stretch = {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  /** Answers by status, plus "no answer" for connection errors and timeouts. */
  statuses: Map<string, number>;
  /** The X-Cache header of every answer: HIT or MISS for the feed, BYPASS for a member's page. */
  xCache: Map<string, number>;
  /** The first few answers other than a 2xx: status, path and the start of the body. */
  samples: string[];
};

export const bump = <K>(counts: Map<K, number>, key: K, by = 1) =>
  void counts.set(key, (counts.get(key) ?? 0) + by);

// The app sets X-Cache in its own case; nginx passes it on as it is.
const headerOf = (headers: Record<string, unknown> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

export function drive(
  origin: string,
  workload: Workload,
  seconds: number,
  connections: number,
): Promise<Stretch> {
  const stretch: Stretch = {
    requests: 0,
    seconds,
    latenciesMs: [],
    statuses: new Map(),
    xCache: new Map(),
    samples: [],
  };
  const requests = workload.requests.map(({ path, method = "GET" as const, headers, body }) => ({
    method,
    path,
    headers: { ...BROWSER, ...headers },
    body,
    onResponse: (status: number, body: string, _: unknown, answer?: Record<string, unknown>) => {
      bump(stretch.xCache, String(headerOf(answer, "x-cache") ?? "none"));
      if ((status < 200 || status > 299) && stretch.samples.length < SAMPLES)
        stretch.samples.push(`${status} ${path}: ${String(body).slice(0, 160)}`);
    },
  }));
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: origin, connections, duration: seconds, requests },
      (error, result) => {
        if (error) return reject(error);
        for (const [status, { count = 0 }] of Object.entries(result.statusCodeStats ?? {}))
          bump(stretch.statuses, status, count);
        if (result.errors > 0) bump(stretch.statuses, "no answer", result.errors);
        stretch.requests = result.requests.total;
        stretch.seconds = result.duration;
        resolve(stretch);
      },
    );
    instance.on("response", (_client, _status, _bytes, ms) => stretch.latenciesMs.push(ms));
  });
}

/** The member's home page, each connection taking the members in turn. */
export const homeOfMembers = (cookies: string[]): Workload => ({
  name: "signed-in home /",
  requests: cookies.map((cookie) => ({ path: "/", headers: { accept: "text/html", cookie } })),
});

export const feedPages = (pages: number): Workload => ({
  name: "GET /api/feed?page=N",
  requests: Array.from({ length: pages }, (_, n) => ({
    path: `/api/feed?page=${n + 1}`,
    headers: { accept: "application/json" },
  })),
});

/** A JSON POST as a browser sends it from a page of the site: what the app's origin check asks. */
export const postFromAPage = (path: string, body: unknown, cookie?: string) => ({
  path,
  method: "POST" as const,
  headers: {
    "content-type": "application/json",
    "sec-fetch-site": "same-origin",
    ...(cookie && { cookie }),
  },
  body: JSON.stringify(body),
});

/** A view of each article in turn, each from a new reader (no reader cookie): every one counted. */
export const articleViews = (paths: string[]): Workload => ({
  name: "POST /api/views",
  write: true,
  requests: paths.map((path) => postFromAPage("/api/views", { path })),
});

/** A new article by each member in turn (a slug of its own each time: the title may repeat). */
export const memberPosts = (cookies: string[]): Workload => ({
  name: "POST /api/posts",
  write: true,
  requests: cookies.map((cookie) =>
    postFromAPage(
      "/api/posts",
      {
        title: "Written under load",
        content: "An article posted by the scale benchmark, to measure what a write costs.",
      },
      cookie,
    ),
  ),
});
