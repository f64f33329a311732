// `npm run bench`: the cache library against raw ioredis, each page's data with the cache on and
// off, then the blog over HTTP.
import { spawnSync } from "node:child_process";

for (const script of ["bench/cache.ts", "bench/data.ts", "bench/http.ts"]) {
  console.log(`\n=== ${script} ===`);
  const { status } = spawnSync("npx", ["tsx", script, ...process.argv.slice(2)], { stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}
