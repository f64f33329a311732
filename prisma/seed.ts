import "../scripts/load-env";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/domains/auth/password";
import { excerptOf } from "@/lib/domains/posts/slug";
import { db } from "@/lib/platform/db";
import { errorMessage } from "@/lib/util/error-message";
import { demoComment, demoPost, demoUsers, prng } from "./seed-data/generate";

// Demo data for development. Idempotent: users are keyed by email and posts by slug, so a second
// run adds nothing. The two demo accounts' passwords are in the README; never use them in production.
export const DEMO_ACCOUNTS = [
  {
    email: "admin@example.com",
    username: "admin",
    name: "Ada Admin",
    password: "admin-password",
    role: "ADMIN",
  },
  {
    email: "demo@example.com",
    username: "demo",
    name: "Demo Reader",
    password: "demo-password",
    role: "USER",
  },
] as const;

const USER_COUNT = 60;
const POST_COUNT = 520;

async function seedUsers() {
  const rng = prng(42);
  // Generated authors share one hash of a password nobody knows: they exist to write posts.
  const unusable = await hashPassword(randomBytes(24).toString("hex"));
  const generated = demoUsers(USER_COUNT, rng).map((u) => ({ ...u, passwordHash: unusable }));
  const demo = await Promise.all(
    DEMO_ACCOUNTS.map(async ({ password, ...account }) => ({
      ...account,
      bio: account.role === "ADMIN" ? "Keeps the cache warm." : "Reads everything twice.",
      passwordHash: await hashPassword(password),
    })),
  );
  const created = await db.user.createMany({ data: [...demo, ...generated], skipDuplicates: true });
  const emails = [...demo, ...generated].map((u) => u.email);
  const users = await db.user.findMany({
    where: { email: { in: emails } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return { created: created.count, ids: users.map((u) => u.id) };
}

async function seedPosts(authorIds: number[]) {
  const rng = prng(7);
  const now = Date.now();
  const posts = Array.from({ length: POST_COUNT }, (_, i) => demoPost(rng, i, now));
  const existing = new Set(
    (
      await db.post.findMany({
        where: { slug: { in: posts.map((p) => p.slug) } },
        select: { slug: true },
      })
    ).map((p) => p.slug),
  );
  const fresh = posts.filter((p) => !existing.has(p.slug));
  await db.post.createMany({
    data: fresh.map((p, i) => ({
      slug: p.slug,
      title: p.title,
      content: p.content,
      excerpt: excerptOf(p.content),
      published: p.published,
      publishedAt: p.published ? p.date : null,
      viewCount: p.viewCount,
      createdAt: p.date,
      authorId: authorIds[i % authorIds.length],
    })),
  });
  return fresh.map((p) => p.slug);
}

async function seedComments(newSlugs: string[], userIds: number[]) {
  const rng = prng(99);
  const posts = await db.post.findMany({
    where: { slug: { in: newSlugs }, published: true },
    select: { id: true, publishedAt: true },
  });
  const data = posts.flatMap((post) =>
    Array.from({ length: rng.int(0, 5) }, (_, i) => ({
      postId: post.id,
      authorId: rng.pick(userIds),
      content: demoComment(rng),
      createdAt: new Date((post.publishedAt ?? new Date()).getTime() + (i + 1) * 3_600_000),
    })),
  );
  await db.comment.createMany({ data });
  return data.length;
}

async function seedFollows(userIds: number[]) {
  const rng = prng(5);
  const pairs = userIds.flatMap((followerId) =>
    Array.from({ length: rng.int(0, 8) }, () => ({
      followerId,
      followeeId: rng.pick(userIds),
    })).filter((f) => f.followerId !== f.followeeId),
  );
  const { count } = await db.follow.createMany({ data: pairs, skipDuplicates: true });
  return count;
}

const DEMO_FLAG = "--demo-accounts";

async function main() {
  // Explicit, whatever NODE_ENV says (it is often unset on a server): run against the wrong
  // DATABASE_URL, this would open accounts with published passwords, an admin among them.
  if (!process.argv.includes(DEMO_FLAG)) {
    console.error(
      `Refusing to seed: the demo data includes accounts with known passwords (admin@example.com among them). Pass ${DEMO_FLAG} if this database is a demo.`,
    );
    process.exit(1);
  }
  const users = await seedUsers();
  const newSlugs = await seedPosts(users.ids);
  const comments = await seedComments(newSlugs, users.ids);
  const follows = await seedFollows(users.ids);
  console.log(
    `seed: ${users.created} users, ${newSlugs.length} posts, ${comments} comments, ${follows} follows added`,
  );
}

main()
  .catch((error) => {
    console.error(`seed failed: ${errorMessage(error)}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
