// Deterministic demo content: the same seed gives the same users, posts and comments, which is
// what makes the seed idempotent (rows are keyed by email and slug).

export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Rng = ReturnType<typeof prng>;

const firstNames = [
  "Ada",
  "Alan",
  "Grace",
  "Linus",
  "Margaret",
  "Ken",
  "Barbara",
  "Dennis",
  "Radia",
  "Edsger",
  "Frances",
  "Guido",
  "Hedy",
  "Ivan",
  "Joan",
  "Katherine",
  "Leslie",
  "Mary",
  "Niklaus",
  "Ole",
  "Peter",
  "Rasmus",
  "Sophie",
  "Tim",
  "Ursula",
  "Vint",
  "Whitfield",
  "Yukihiro",
  "Zeynep",
  "Anders",
] as const;
const lastNames = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Torvalds",
  "Hamilton",
  "Thompson",
  "Liskov",
  "Ritchie",
  "Perlman",
  "Dijkstra",
  "Allen",
  "van Rossum",
  "Lamarr",
  "Sutherland",
  "Clarke",
  "Johnson",
  "Lamport",
  "Shaw",
  "Wirth",
  "Dahl",
  "Naur",
  "Lerdorf",
  "Wilson",
  "Berners-Lee",
  "Franklin",
  "Cerf",
  "Diffie",
  "Matsumoto",
  "Tufekci",
  "Hejlsberg",
] as const;

const topics = [
  "Redis",
  "Postgres",
  "caching",
  "sessions",
  "rate limiting",
  "pub/sub",
  "leaderboards",
  "TypeScript",
  "Next.js",
  "indexes",
  "connection pools",
  "observability",
  "queues",
  "latency",
  "cache invalidation",
  "sorted sets",
  "TTL",
  "stampedes",
  "backpressure",
  "feature flags",
] as const;
const titleShapes = [
  (t: string) => `What I learned running ${t} in production`,
  (t: string, u: string) => `${cap(t)} and ${u}: a practical guide`,
  (t: string) => `Why ${t} is harder than it looks`,
  (t: string) => `A field guide to ${t}`,
  (t: string, u: string) => `From ${t} to ${u} in one afternoon`,
  (t: string) => `Ten mistakes with ${t}`,
  (t: string) => `${cap(t)}, measured`,
  (t: string) => `Notes on ${t}`,
] as const;
const sentenceParts = {
  openers: [
    "In practice",
    "Most of the time",
    "On a busy day",
    "Surprisingly",
    "As a rule",
    "Under load",
    "In our tests",
    "Once warm",
  ],
  subjects: [
    "the cache",
    "a sorted set",
    "the database",
    "each request",
    "the hot path",
    "a stale value",
    "the loader",
    "our p99",
    "the connection pool",
    "the feed",
  ],
  verbs: [
    "hides",
    "doubles",
    "halves",
    "explains",
    "protects",
    "reveals",
    "shapes",
    "dominates",
    "outlives",
    "absorbs",
  ],
  objects: [
    "the slow query",
    "most of the latency",
    "a thundering herd",
    "the write path",
    "every cold start",
    "the long tail",
    "one round trip",
    "the real cost",
    "a subtle race",
    "the TTL",
  ],
} as const;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function sentence(rng: Rng): string {
  const { openers, subjects, verbs, objects } = sentenceParts;
  return `${rng.pick(openers)}, ${rng.pick(subjects)} ${rng.pick(verbs)} ${rng.pick(objects)}.`;
}

function paragraph(rng: Rng): string {
  return Array.from({ length: rng.int(2, 6) }, () => sentence(rng)).join(" ");
}

function article(rng: Rng, topic: string): string {
  const blocks: string[] = [paragraph(rng)];
  const sections = rng.int(0, 4);
  for (let i = 0; i < sections; i++) {
    blocks.push(`## ${cap(rng.pick(topics))} in detail`);
    for (let p = rng.int(1, 3); p > 0; p--) blocks.push(paragraph(rng));
    if (rng.next() < 0.3)
      blocks.push(
        ["- measure first", "- cache what is read often", "- expire what can change"].join("\n"),
      );
    if (rng.next() < 0.25)
      blocks.push("```ts\nconst value = await cache.getOrSet(key, load, { timeout: 300 });\n```");
  }
  blocks.push(`*Thanks for reading about ${topic}.*`);
  return blocks.join("\n\n");
}

export function demoUsers(count: number, rng: Rng) {
  return Array.from({ length: count }, (_, i) => {
    const first = firstNames[i % firstNames.length];
    const last = lastNames[(i * 7 + 3) % lastNames.length];
    const username = `${`${first}_${last}`
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, "")
      .slice(0, 24)}_${i + 1}`;
    return {
      email: `${username}@example.com`,
      username,
      name: `${first} ${last}`,
      bio: `Writes about ${rng.pick(topics)} and ${rng.pick(topics)}.`,
    };
  });
}

export function demoPost(rng: Rng, index: number, now: number) {
  const topic = rng.pick(topics);
  const title = rng.pick(titleShapes)(topic, rng.pick(topics));
  const published = rng.next() > 0.05;
  const ageMs = rng.int(0, 730 * 24) * 3_600_000 + rng.int(0, 3_599_999);
  return {
    slug: `${cap(topic)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")}-${index + 1}`,
    title,
    content: article(rng, topic),
    published,
    date: new Date(now - ageMs),
    viewCount: published ? rng.int(0, 5_000) : 0,
  };
}

export function demoComment(rng: Rng): string {
  return rng.pick([
    "This matches what we saw in production.",
    "Could you share the benchmark script?",
    "Great write-up, thanks!",
    "How does this behave when Redis restarts?",
    "We hit exactly this stampede last month.",
    "Bookmarked. The section on TTLs is gold.",
  ]);
}
