// The floor under the page cache's HIT, for `bench/http.ts`: a bare node:http server that
// answers each request with the page the page cache stored for its path, read with one GET
// from the same Redis and written as stored (the representation the client accepts, with its
// status, headers and ETag). No breaker, statistics, generations, security headers or Next:
// what a HIT would cost with nothing else. Run as its own process (like the blog's server), so
// the load generator does not share its event loop: PORT, REDIS_URL and BUILD_ID (the build
// whose entries it serves) from the env. Answers /api/health, as the blog does, once it listens.
import { createServer } from "node:http";
import { Redis } from "ioredis";
import { Keys } from "../lib/cache/keys";
import { decodeEntry } from "../lib/page-cache/entry";
import { representation } from "../lib/page-cache/respond";
import { PAGE_NAMESPACE, pageEntryKey } from "../lib/page-cache/store";

const { PORT, REDIS_URL, BUILD_ID } = process.env;
if (!PORT || !REDIS_URL || !BUILD_ID)
  throw new Error("bare-page-server needs PORT, REDIS_URL and BUILD_ID");

const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const keys = new Keys(PAGE_NAMESPACE);

const server = createServer(async (req, res) => {
  if (req.url === "/api/health") {
    res.writeHead(200).end();
    return;
  }
  const stored = await redis.getBuffer(pageEntryKey(keys, BUILD_ID, req.url ?? "/")).catch(() => {
    res.writeHead(503).end();
    return undefined;
  });
  if (stored === undefined) return;
  const entry = stored && decodeEntry(stored);
  if (!entry) {
    res.writeHead(404).end();
    return;
  }
  const { encoding, etag, body } = representation(entry, req.headers["accept-encoding"]);
  const bytes = body();
  const headers = [...entry.meta.headers.flat(), "etag", etag, "vary", "accept-encoding"];
  if (encoding) headers.push("content-encoding", encoding);
  res.writeHead(entry.meta.status, [...headers, "content-length", String(bytes.length)]);
  res.end(bytes);
}).listen(Number(PORT), "127.0.0.1");

// Ends as the blog's server does, so that what Node writes at exit (a --cpu-prof) is written.
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  redis.disconnect();
});
