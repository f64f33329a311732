// The floor under the page cache's HIT, for `bench/http.ts`: a bare node:http server that
// answers each request with the page the page cache stored for its path, read with one GET
// from the same Redis and written as stored (brotli or gzip, its status, headers and ETag).
// No breaker, no statistics, no generations, no Next: what a HIT would cost with nothing else.
// Run as its own process (like the blog's server), so the load generator does not share its
// event loop: PORT, REDIS_URL and BUILD_ID (the build whose entries it serves) from the env.
import { createServer } from "node:http";
import { Redis } from "ioredis";
import { Keys } from "../lib/cache/keys";
import { decodeEntry } from "../lib/page-cache/entry";
import { PAGE_NAMESPACE } from "../lib/page-cache/store";

const { PORT, REDIS_URL, BUILD_ID } = process.env;
if (!PORT || !REDIS_URL || !BUILD_ID)
  throw new Error("bare-page-server needs PORT, REDIS_URL and BUILD_ID");

const redis = new Redis(REDIS_URL);
const keys = new Keys(PAGE_NAMESPACE);

const server = createServer(async (req, res) => {
  const stored = await redis.getBuffer(keys.value(`entry:${BUILD_ID}:${req.url}`));
  const entry = stored && decodeEntry(stored);
  if (!entry) {
    res.writeHead(404).end();
    return;
  }
  const brotli = entry.brotli && /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
  const body = brotli ? entry.brotli! : entry.gzip;
  res.writeHead(entry.meta.status, [
    ...entry.meta.headers.flat(),
    "content-encoding",
    brotli ? "br" : "gzip",
    "etag",
    entry.meta.etag,
    "vary",
    "accept-encoding",
    "content-length",
    String(body.length),
  ]);
  res.end(body);
}).listen(Number(PORT), "127.0.0.1", () => console.log(`bare page server on ${PORT}`));

// Ends as the blog's server does, so that what Node writes at exit (a --cpu-prof) is written.
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  redis.disconnect();
});
