// Fail-open of the view counter: with the app's Redis unreachable, a view is written to Postgres
// at once (nothing to flush later), and what the reader is shown is the stored count.
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPost } from "@/lib/posts/mutations";
import { recordView } from "@/lib/views/counter";
import { withAppRedisDown } from "../../helpers/app-redis-down";
import { userForFile } from "../../helpers/factories";

const author = userForFile();

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
