import "server-only";
import { memoized, onlyFound } from "@/lib/blog-cache/caches";
import { db } from "@/lib/platform/db";

// What pages may see of a user: never the password hash.
export const publicUserSelect = {
  id: true,
  email: true,
  username: true,
  name: true,
  bio: true,
  role: true,
  createdAt: true,
} as const;

export type PublicUser = {
  id: number;
  email: string;
  username: string;
  name: string;
  bio: string;
  role: "USER" | "ADMIN";
  createdAt: Date;
};

/** Read-through (memoize): the signed-in user behind a session, 600 s; forgotten on any change. */
export const getUser = memoized(
  "user",
  async (id: number): Promise<PublicUser | null> =>
    db.user.findFirst({ where: { id, isActive: true }, select: publicUserSelect }),
  { name: "getUser", ...onlyFound },
);

export type Profile = {
  id: number;
  username: string;
  name: string;
  bio: string;
  createdAt: Date;
};

/**
 * Read-through (memoize): a public profile by (lower-cased) username. Follower counts are not part
 * of it: they change with every follow and are read from the Redis sets (lib/domains/follows).
 *
 * Usernames are unique whatever their case (the index on lower(username)), so this finds one
 * account at most. Compared with `=`, not Prisma's `mode: "insensitive"`: that is ILIKE, where
 * "_" matches any character, so /u/a_c would find "abc".
 */
export const getProfile = memoized(
  "user",
  async (username: string): Promise<Profile | null> => {
    const [found] = await db.$queryRaw<Profile[]>`
      SELECT id, username, name, bio, created_at AS "createdAt" FROM users
      WHERE lower(username) = lower(${username}) AND is_active`;
    return found ?? null;
  },
  { name: "getProfile", ...onlyFound },
);

export type UserStatistics = { totalPosts: number; totalViews: number; averageViews: number };

/** The tutorial's get_user_statistics, memoized for 600 s. Published posts only. */
export const getUserStatistics = memoized(
  "user",
  async (userId: number): Promise<UserStatistics> => {
    const { _count, _sum } = await db.post.aggregate({
      where: { authorId: userId, published: true },
      _count: { _all: true },
      _sum: { viewCount: true },
    });
    const totalViews = _sum.viewCount ?? 0;
    const totalPosts = _count._all;
    return {
      totalPosts,
      totalViews,
      averageViews: totalPosts ? Math.round(totalViews / totalPosts) : 0,
    };
  },
  { name: "getUserStatistics", timeout: 600 },
);

/**
 * The role as Postgres has it now, not as the cached user says: a demoted admin loses access at
 * once. Null for an account that is gone or deactivated.
 */
export async function getCurrentRole(id: number): Promise<PublicUser["role"] | null> {
  const found = await db.user.findFirst({ where: { id, isActive: true }, select: { role: true } });
  return found?.role ?? null;
}

/** What GET /api/users/:id shows of an active user (no email, no role). */
export function getUserCard(id: number) {
  return db.user.findFirst({
    where: { id, isActive: true },
    select: { id: true, username: true, name: true, bio: true, createdAt: true },
  });
}

// The authors who published most recently: the profiles readers are most likely to open.
export async function recentlyPublishingAuthorIds(take: number): Promise<number[]> {
  const rows = await db.post.groupBy({
    by: ["authorId"],
    where: { published: true },
    _max: { publishedAt: true },
    orderBy: { _max: { publishedAt: "desc" } },
    take,
  });
  return rows.map((row) => row.authorId);
}

export async function usernamesOf(userIds: number[]): Promise<string[]> {
  const users = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { username: true },
  });
  return users.map((user) => user.username);
}

/** The posts whose pages show this user's name: the ones they wrote, and the ones they commented on. */
export async function postsShowingName(
  userId: number,
): Promise<{ id: number; slug: string; authorId: number; published: boolean }[]> {
  return db.post.findMany({
    where: { OR: [{ authorId: userId }, { comments: { some: { authorId: userId } } }] },
    select: { id: true, slug: true, authorId: true, published: true },
  });
}
