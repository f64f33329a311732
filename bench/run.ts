// `npm run bench`: the cache library against raw ioredis, each page's data with the cache on and
// off, then the blog over HTTP, then signed-in readers: the shared member page against their
// pages rendered with and without 'use cache' (on the build that bench/http.ts has just made).
import { spawnSync } from "node:child_process";

const scripts: [string, string[]][] = [
  ["bench/cache.ts", []],
  ["bench/data.ts", []],
  ["bench/http.ts", []],
  ["bench/members.ts", ["--no-build"]],
];
for (const [script, extra] of scripts) {
  console.log(`\n=== ${script} ===`);
  const { status } = spawnSync("npx", ["tsx", script, ...process.argv.slice(2), ...extra], {
    stdio: "inherit",
  });
  if (status !== 0) process.exit(status ?? 1);
}
