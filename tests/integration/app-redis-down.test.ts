// withAppRedisDown (tests/helpers/app-redis-down.ts) leaves the app as it found it: a cache used
// for the first time during the outage (bound to its client on first use) answers from Redis
// once the outage is over, in the same file. Rows are written with Prisma directly, so that
// nothing touches the posts cache before the outage does.
import { afterAll, expect, it } from "vitest";
import { getPost } from "@/lib/domains/posts/queries";
import { db } from "@/lib/platform/db";
import { traced } from "@/lib/platform/request-trace";
import { withAppRedisDown } from "../helpers/app-redis-down";
import { deleteUsers, unique } from "../helpers/factories";

const name = unique("outage");
const author = await db.user.create({
  data: { email: `${name}@test.example`, username: name, name, passwordHash: "unused" },
});
afterAll(() => deleteUsers(author.id));

it("gives back live clients, even to a cache first used during the outage", async () => {
  const { id } = await db.post.create({
    data: {
      slug: name,
      title: "Read in an outage",
      content: "Body.",
      excerpt: "Body.",
      authorId: author.id,
    },
  });
  const during = await withAppRedisDown(() => traced(() => getPost(id)));
  expect([during.value?.id, during.trace.sql]).toEqual([id, 1]);
  await getPost(id);
  const after = await traced(() => getPost(id));
  expect([after.value?.id, after.trace.sql]).toEqual([id, 0]);
});
