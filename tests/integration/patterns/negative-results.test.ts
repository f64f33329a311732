// Reads by a name a stranger chooses (an article's slug, a username, an id) store what they find
// and nothing when they find nothing: made-up names cannot fill Redis (issue 21, finding 6).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPost } from "@/lib/domains/posts/mutations";
import { findPostBySlug, getPost } from "@/lib/domains/posts/queries";
import { getProfile, getUser } from "@/lib/domains/users/queries";
import { userForFile } from "../../helpers/factories";
import { keysMatching, redisForFile } from "../../helpers/redis";

const redis = redisForFile();
const author = userForFile();
const made = () => randomBytes(6).toString("hex");
const entries = async () =>
  (
    await Promise.all(
      ["cache:post:memo:{getPost", "cache:user:memo:{getProfile", "cache:user:memo:{getUser"].map(
        (prefix) => keysMatching(redis, `${prefix}*}:v*`),
      ),
    )
  ).flat();

describe("reads of things that do not exist", () => {
  it("leave no entry in Redis, however many made-up names are asked for", async () => {
    const before = new Set(await entries());
    for (let i = 0; i < 20; i++) {
      expect(await findPostBySlug(`nope-${made()}`)).toBeNull();
      expect(await getProfile(`nobody_${made()}`)).toBeNull();
      expect(await getUser(2_000_000_000 + i)).toBeNull();
      expect(await getPost(2_000_000_000 + i)).toBeNull();
    }
    expect((await entries()).filter((key) => !before.has(key))).toEqual([]);
  });

  it("while what exists is stored", async () => {
    const before = new Set(await entries());
    const post = await createPost(author.id, { title: "Exists", content: "It is there." });
    expect((await getPost(post.id))?.slug).toBe(post.slug);
    const stored = (await entries()).filter((key) => !before.has(key));
    expect(stored.filter((key) => key.startsWith("cache:post:memo:{getPost}:"))).toHaveLength(1);
  });
});
