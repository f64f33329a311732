// A second app process for the view counter tests: records views, and optionally waits to be
// stopped so the shutdown flush can be observed.
import { recordView } from "@/lib/domains/view-counts/counter";
import { flushViewsOnShutdown } from "@/lib/domains/view-counts/sweep";

const [mode, postId, count, authorId] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++)
  await recordView({ id: Number(postId), authorId: Number(authorId) });
if (mode === "record-then-wait") {
  flushViewsOnShutdown();
  process.stdout.write("ready\n");
  setInterval(() => {}, 1_000);
} else {
  process.exit(0);
}
