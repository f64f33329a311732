// A bounded mixed load on the blog over HTTP, as its readers and authors make it: anonymous page
// reads, API reads, article views (POST /api/views, each from a new reader, so every one counts),
// and posting through an API key. A few workers, each waiting BENCH_LOAD_PAUSE_MS between its
// requests: the load is small on purpose (2 shared cores); what is measured is what fails, how
// long answers take and what is lost, not throughput. The articles read and viewed go round in
// turn, or, given a Zipf exponent, are drawn as readers pick them (./zipf.ts).
import { type Kind, type LoadRecord, LoadTally, type SentPost } from "./load-tally";
import { zipf } from "./zipf";

const WORKERS = Number(process.env.BENCH_LOAD_WORKERS ?? 4);
const PAUSE_MS = Number(process.env.BENCH_LOAD_PAUSE_MS ?? 100);
const TIMEOUT_MS = 30_000;
// Each worker's round: reads and views most of the time, a post now and then.
const ROUND: Kind[] = ["page", "api", "view", "page", "view", "api", "page", "view", "post"];

export type Article = { id: number; slug: string };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class MixedLoad {
  readonly tally = new LoadTally();
  private running = false;
  private workers: Promise<void>[] = [];
  private posted = 0;
  private readonly turns = { page: 0, api: 0, view: 0, post: 0 };
  private readonly written: string[] = [];
  private readonly pick: (turn: number) => Article;
  private readonly rounds: number;

  constructor(
    private readonly origin: string,
    private readonly writerHeaders: Record<string, string>,
    /** The articles read and viewed; new posts are written but not viewed, so views stay on these. */
    articles: Article[],
    /** The exponent s of a Zipf distribution of reads over `articles`, most read first. */
    zipfExponent?: number,
  ) {
    const draw = zipfExponent === undefined ? undefined : zipf(articles.length, zipfExponent);
    this.pick = draw ? () => articles[draw()] : (turn) => articles[turn % articles.length];
    // Readers who pick articles read mostly those: a new post or a bypass is one read in four.
    this.rounds = draw ? 4 : 3;
  }

  start(): void {
    this.running = true;
    this.workers = Array.from({ length: WORKERS }, (_, n) => this.work(n));
  }

  async stop(): Promise<LoadTally> {
    this.running = false;
    await Promise.all(this.workers);
    return this.tally;
  }

  private async work(worker: number): Promise<void> {
    for (let turn = worker; this.running; turn++) {
      const kind = ROUND[turn % ROUND.length];
      const article = this.pick(turn);
      await this.send(kind, article, this.turns[kind]++);
      await sleep(PAUSE_MS);
    }
  }

  private async send(kind: Kind, article: Article, turn: number): Promise<void> {
    const [path, init] = this.request(kind, article, turn);
    const started = performance.now();
    const record: LoadRecord = { kind, at: Date.now(), status: "no answer", ms: 0 };
    try {
      const response = await fetch(`${this.origin}${path}`, {
        ...init,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = await response.text();
      record.status = response.status;
      if (kind === "view") record.counted = response.ok && JSON.parse(body).counted === true;
      if (kind === "post") record.post = this.created(init, response.status, body);
    } catch (error) {
      const cause = (error as Error).cause as { code?: string } | undefined;
      record.status =
        (error as Error).name === "TimeoutError" ? "no answer" : (cause?.code ?? "error");
      if (kind === "post") record.post = sentPost(init, undefined);
    }
    record.ms = performance.now() - started;
    this.tally.add(record);
  }

  private created(init: RequestInit, status: number, body: string): SentPost {
    if (status !== 201) return sentPost(init, undefined);
    const { id, slug } = JSON.parse(body) as Article;
    this.written.push(slug);
    return sentPost(init, id);
  }

  private request(kind: Kind, article: Article, turn: number): [string, RequestInit] {
    const page = { headers: { accept: "text/html", "accept-encoding": "gzip, br" } };
    switch (kind) {
      // A third (a quarter) of the reads often reach Postgres: the page of one of the posts the
      // load wrote (many never read before), and the latest posts with ?refresh (the cache's
      // bypass).
      case "page":
        return [
          [
            `/posts/${article.slug}`,
            "/",
            `/posts/${this.written[(turn * 7) % this.written.length] ?? article.slug}`,
            `/posts/${article.slug}`,
          ][turn % this.rounds],
          page,
        ];
      case "api":
        return [
          [
            `/api/posts/${article.id}`,
            "/api/feed?page=1",
            "/api/posts?limit=5&refresh=1",
            `/api/posts/${article.id}`,
          ][turn % this.rounds],
          {},
        ];
      case "view":
        return [
          "/api/views",
          jsonBody("POST", { path: `/posts/${article.slug}` }, { "sec-fetch-site": "same-origin" }),
        ];
      case "post": {
        const n = ++this.posted;
        const title = `Load post ${n} ${Date.now().toString(36)}`;
        const content = `Written under load, number ${n}.`.repeat(8);
        return [
          "/api/posts",
          jsonBody("POST", { title, content, published: true }, this.writerHeaders),
        ];
      }
    }
  }
}

function jsonBody(method: string, payload: unknown, headers: Record<string, string>): RequestInit {
  return {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(payload),
  };
}

function sentPost(init: RequestInit, id: number | undefined): SentPost {
  const { title, content } = JSON.parse(String(init.body)) as { title: string; content: string };
  return { title, content, id };
}
