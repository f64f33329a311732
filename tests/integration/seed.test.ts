import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";

const run = promisify(execFile);
const seed = (args = ["--demo-accounts"], env: Record<string, string> = {}) =>
  run("npx", ["tsx", "prisma/seed.ts", ...args], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });

const counts = async () => ({
  users: await db.user.count(),
  seededPosts: await db.post.count({ where: { author: { email: { endsWith: "@example.com" } } } }),
  comments: await db.comment.count(),
  follows: await db.follow.count(),
});

describe("seed", () => {
  it("creates the demo accounts and realistic volumes, and adds nothing the second time", async () => {
    await seed();
    const first = await counts();
    expect(first.seededPosts).toBeGreaterThanOrEqual(500);
    expect(
      await db.user.count({ where: { email: { endsWith: "@example.com" } } }),
    ).toBeGreaterThanOrEqual(50);
    expect(
      await db.user.findUnique({ where: { email: "admin@example.com" }, select: { role: true } }),
    ).toEqual({ role: "ADMIN" });
    expect(
      await db.comment.count({ where: { author: { email: { endsWith: "@example.com" } } } }),
    ).toBeGreaterThan(0);

    const { stdout } = await seed();
    expect(stdout).toContain("0 users, 0 posts, 0 comments, 0 follows added");
    expect(await counts()).toEqual(first);
  }, 120_000);

  it("refuses to run without the explicit flag, whatever NODE_ENV is (or is not) set to", async () => {
    const before = await counts();
    for (const env of [{}, { NODE_ENV: "development" }, { NODE_ENV: "production" }] as Record<
      string,
      string
    >[]) {
      const error = await seed([], env).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(error?.code).toBe(1);
      expect(error?.stderr).toContain(
        "Refusing to seed: the demo data includes accounts with known passwords",
      );
    }
    expect(await counts()).toEqual(before);
  }, 60_000);
});
