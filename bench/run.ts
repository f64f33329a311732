// `npm run bench`: the cache library against raw ioredis, each page's data with the cache on and
// off, then the blog over HTTP, then 'use cache' against today's rendering (on the build that
// bench/http.ts has just made).
import { spawnSync } from "node:child_process";

const scripts: [string, string[]][] = [
  ["bench/cache.ts", []],
  ["bench/data.ts", []],
  ["bench/http.ts", []],
  ["bench/next-cache.ts", ["--no-build"]],
];
for (const [script, extra] of scripts) {
  console.log(`\n=== ${script} ===`);
  const { status } = spawnSync("npx", ["tsx", script, ...process.argv.slice(2), ...extra], {
    stdio: "inherit",
  });
  if (status !== 0) process.exit(status ?? 1);
}
