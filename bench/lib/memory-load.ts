// The two loads of `npm run bench:memory`: readers of the site's real articles, whose answers
// (status, X-Cache) are kept by phase, and a stranger's junk URLs, each new, of every kind that
// can leave an entry in a cache.
import type { Article } from "./mixed-load";

export type Read = { phase: string; status: number | string; cache: string };

const PAGE = { headers: { accept: "text/html", "accept-encoding": "gzip, br" } };

async function statusOf(url: string): Promise<{ status: number | string; cache: string }> {
  try {
    const response = await fetch(url, { ...PAGE, redirect: "manual" });
    await response.arrayBuffer();
    return { status: response.status, cache: response.headers.get("x-cache") ?? "" };
  } catch (error) {
    return { status: ((error as Error).cause as { code?: string })?.code ?? "error", cache: "" };
  }
}

/** Anonymous readers going through the articles in turn; `phase` labels what they read now. */
export class ArticleReaders {
  readonly reads: Read[] = [];
  phase = "before";
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(origin: string, articles: Article[], readers = 2) {
    this.loops = Array.from({ length: readers }, async (_, reader) => {
      for (let turn = reader; this.running; turn += readers) {
        const phase = this.phase;
        const answer = await statusOf(`${origin}/posts/${articles[turn % articles.length].slug}`);
        this.reads.push({ phase, ...answer });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Of the reads in `phase`: how many, how many answered other than 200, and the share served from the page cache. */
  summary(phase: string): { reads: number; notOk: number; hitRate: number } {
    const reads = this.reads.filter((r) => r.phase === phase);
    const served = reads.filter((r) => r.cache === "HIT" || r.cache === "STALE").length;
    return {
      reads: reads.length,
      notOk: reads.filter((r) => r.status !== 200).length,
      hitRate: reads.length ? served / reads.length : 0,
    };
  }
}

// Every kind a stranger can make new without end: pages of the feed (stored whole), articles
// with a query string, unknown articles and users, searches, pages of the API's list.
function junkPath(n: number, articles: Article[]): string {
  switch (n % 6) {
    case 0:
      return `/?page=${n}`;
    case 1:
      return `/posts/${articles[n % articles.length].slug}?ref=junk-${n}`;
    case 2:
      return `/posts/junk-${n}`;
    case 3:
      return `/u/junk_${n}`;
    case 4:
      return `/search?q=junk${n}`;
    default:
      return `/api/posts?page=${n}`;
  }
}

/** Sends `count` junk requests, `concurrency` at a time; the statuses they got, counted. */
export async function sendJunk(
  origin: string,
  articles: Article[],
  count: number,
  concurrency = 8,
): Promise<Map<number | string, number>> {
  const statuses = new Map<number | string, number>();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const { status } = await statusOf(`${origin}${junkPath(next++, articles)}`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}
