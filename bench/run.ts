// `npm run bench`: the cache library against raw ioredis, then the blog over HTTP.
import { spawnSync } from "node:child_process";

for (const script of ["bench/cache.ts", "bench/http.ts"]) {
  console.log(`\n=== ${script} ===`);
  const { status } = spawnSync("npx", ["tsx", script, ...process.argv.slice(2)], { stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}
