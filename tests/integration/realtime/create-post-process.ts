// A second app process for two-processes.test.ts: it creates a post through the app's own code
// (and so publishes from its own Redis connection), prints it, and exits.
// Usage: node --conditions=react-server --import tsx create-post-process.ts <authorId> <title>

import { createPost } from "@/lib/domains/posts/mutations";
import { db } from "@/lib/platform/db";
import { redis } from "@/lib/platform/redis";

const [authorId, title] = process.argv.slice(2);
const post = await createPost(Number(authorId), {
  title,
  content: "Written by another app process.",
  published: true,
});
process.stdout.write(JSON.stringify({ id: post.id, pid: process.pid }));
redis().disconnect();
await db.$disconnect();
