// The data part of each page, in-process, with caching on and off: what the cache saves before
// React renders anything. (Over HTTP, rendering a 40 kB page dominates; see bench/http.ts.)
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { printTable } from "./lib/measure";

if (existsSync(".env")) process.loadEnvFile(".env");
const redisUrl = (process.env.REDIS_URL ?? "redis://localhost:6379/0").replace(/\/\d*$/, "/13");

type Result = { name: string; meanMs: number; sql: number; roundTrips: number };

function measure(cacheEnabled: boolean): Result[] {
  const output = execFileSync(
    "node",
    ["--conditions=react-server", "--import", "tsx", "bench/data-worker.ts"],
    {
      env: {
        ...process.env,
        CACHE_ENABLED: String(cacheEnabled),
        REDIS_URL: redisUrl,
        STATIC_CACHE_DB: "12",
      },
      encoding: "utf8",
    },
  );
  return JSON.parse(output) as Result[];
}

const on = measure(true);
const off = measure(false);
console.log("Page data loaded in-process (sequential calls; the article counts a view each time)");
printTable(
  ["page", "warm ms", "off ms", "off / warm", "SQL warm", "SQL off", "Redis round trips warm"],
  on.map((warm, i) => [
    warm.name,
    warm.meanMs.toFixed(2),
    off[i].meanMs.toFixed(2),
    `${(off[i].meanMs / warm.meanMs).toFixed(2)}x`,
    warm.sql,
    off[i].sql,
    warm.roundTrips,
  ]),
);
