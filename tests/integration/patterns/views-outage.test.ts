// Fail-open of the view counter: with the app's Redis unreachable, a view is written to Postgres
// at once (nothing to flush later), and what the reader is shown is the stored count.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPost } from "@/lib/posts/mutations";
import type { PublicUser } from "@/lib/users/queries";
import { recordView } from "@/lib/views/counter";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { withAppRedisDown } from "../data-structures/helpers";

let author: PublicUser;
beforeAll(async () => {
  author = await makeUser();
});
afterAll(() => deleteUsers(author.id));

it("writes each view to Postgres while Redis is unreachable", async () => {
  const post = await createPost(author.id, {
    title: "Read during an outage",
    content: "Counted all the same.",
  });
  const stored = async () =>
    (await db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount;
  const shown = await withAppRedisDown(async () => [
    await recordView(post),
    await recordView(post),
  ]);
  expect(shown).toEqual([1, 2]);
  expect(await stored()).toBe(2);
});
