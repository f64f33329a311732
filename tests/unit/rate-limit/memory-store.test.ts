import { describe, expect, it } from "vitest";
import { MemoryStore } from "@/lib/rate-limit/memory-store";
import type { RateLimitPolicy } from "@/lib/rate-limit/policy";

const fixed: RateLimitPolicy = { name: "t", algorithm: "fixed-window", limit: 3, windowMs: 1000 };
const sliding: RateLimitPolicy = { ...fixed, algorithm: "sliding-log" };

describe("MemoryStore, fixed window", () => {
  it("allows the limit, then refuses until the window ends", () => {
    const store = new MemoryStore(fixed);
    const results = [0, 100, 200, 300].map((t) => store.hit("k", "n", 10_000 + t));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3].resetMs).toBe(700);
    expect(store.hit("k", "n", 11_000).allowed).toBe(true);
    expect(store.hit("other", "n", 10_300).allowed).toBe(true);
  });
});

describe("MemoryStore, sliding log", () => {
  it("frees a slot when the oldest hit leaves the window, not all at once", () => {
    const store = new MemoryStore(sliding);
    for (const t of [0, 400, 800]) expect(store.hit("k", `n${t}`, t).allowed).toBe(true);
    const refused = store.hit("k", "x", 900);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetMs: 100 });
    expect(refused.member).toBeUndefined();
    expect(store.hit("k", "a", 1000).allowed).toBe(true); // the hit at 0 has left
    expect(store.hit("k", "b", 1000).allowed).toBe(false);
  });

  it("counts two hits in the same millisecond as two", () => {
    const store = new MemoryStore(sliding);
    const a = store.hit("k", "a", 5);
    const b = store.hit("k", "b", 5);
    expect(a.member).not.toBe(b.member);
    expect(b.remaining).toBe(1);
  });

  it("takes back one hit by its member", () => {
    const store = new MemoryStore(sliding);
    const hits = [1, 2, 3].map((t) => store.hit("k", `n${t}`, t));
    store.remove("k", hits[1].member!);
    expect(store.hit("k", "again", 4)).toMatchObject({ allowed: true, remaining: 0 });
  });
});

describe("MemoryStore bound", () => {
  it("never holds more identities than its bound, dropping expired ones first", () => {
    const store = new MemoryStore(fixed, 3);
    store.hit("old", "n", 0);
    store.hit("a", "n", 5_000);
    store.hit("b", "n", 5_000);
    store.hit("c", "n", 5_000); // "old" expired at 1000: it goes, nothing live is dropped
    expect(store.size).toBe(3);
    expect(store.hit("a", "n", 5_001).remaining).toBe(1);
    store.hit("d", "n", 5_002); // all live: the oldest ("a") goes
    expect(store.size).toBe(3);
    expect(store.hit("a", "n", 5_003).remaining).toBe(2);
  });
});
