// The app's writes announce themselves: a published post to everyone, a comment to the post's
// author (not when they comment on their own post), a draft to no one.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addComment } from "@/lib/domains/comments/mutations";
import { createPost } from "@/lib/domains/posts/mutations";
import { channelsFor } from "@/lib/realtime/channels";
import { openEventStream } from "@/lib/realtime/event-stream";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { readSse, type SseReader } from "./helpers";

let author: Awaited<ReturnType<typeof makeUser>>;
let reader: Awaited<ReturnType<typeof makeUser>>;
const controller = new AbortController();
let authorStream: SseReader;
let readerStream: SseReader;

beforeAll(async () => {
  [author, reader] = await Promise.all([makeUser(), makeUser()]);
  const open = (userId: number) =>
    openEventStream({ channels: channelsFor(userId), userId, signal: controller.signal });
  [authorStream, readerStream] = (await Promise.all([open(author.id), open(reader.id)])).map(
    readSse,
  );
});
afterAll(async () => {
  controller.abort();
  await deleteUsers(author.id, reader.id);
});

const unique = (label: string) => `${label} ${randomBytes(4).toString("hex")}`;
const input = (title: string, published: boolean) => ({
  title,
  content: "Enough words for a post body.",
  published,
});

it("createPost announces a published post to others, and not a draft", async () => {
  const draft = unique("Draft");
  const published = unique("Published");
  await createPost(author.id, input(draft, false));
  const post = await createPost(author.id, input(published, true));
  const event = await readerStream.waitForEvent("post.created", (p) => p.post.title === published);
  expect(event.payload.post).toMatchObject({
    id: post.id,
    slug: post.slug,
    author: { id: author.id },
  });
  expect(readerStream.text()).not.toContain(draft);
});

it("addComment tells the post's author who commented, except about their own comments", async () => {
  const post = await createPost(author.id, input(unique("Commented"), true));
  await addComment(post.id, author.id, { content: "My own note" });
  await addComment(post.id, reader.id, { content: "Nice post" });
  const event = await authorStream.waitForEvent("comment.created", (p) => p.post.id === post.id);
  expect(event.payload).toMatchObject({
    post: { id: post.id, slug: post.slug, title: post.title },
    by: { id: reader.id, username: reader.username, name: reader.name },
  });
  // One channel's messages arrive in order: a notice of the author's own comment would be first.
  expect(authorStream.events().filter((frame) => frame.event === "comment.created")).toHaveLength(
    1,
  );
  // The reader's channel: a notice sent to the reader now comes after any that those comments
  // caused, so once it is here a wrong one would be here too.
  const readersPost = await createPost(reader.id, input(unique("The reader's own"), true));
  await addComment(readersPost.id, author.id, { content: "A marker for the reader" });
  await readerStream.waitForEvent("comment.created", (p) => p.post.id === readersPost.id);
  const aboutPost = readerStream
    .events()
    .filter(
      (frame) => frame.event === "comment.created" && JSON.parse(frame.data!).post.id === post.id,
    );
  expect(aboutPost).toEqual([]);
});
