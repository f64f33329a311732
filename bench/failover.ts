// `npm run bench:failover`: a Redis Cluster master killed (SIGKILL) in the middle of a bounded
// mixed load through nginx, and started again once its replica has taken over: the failed
// requests, the longest response, when its replica was promoted, when the page cache served its
// slots again, what was lost, and whether it came back as a replica, against the bounds of
// bench/failover-bounds.ts.
//
// The site is bench:faults' (a private Postgres, the same load, event streams and audit of what
// was lost), with a private Redis Cluster of 3 masters and 3 replicas in a temporary folder as its
// Redis, and two app processes behind nginx (scripts/scale-site.ts) as its server. The machine's
// Postgres and Redis are never touched. Needs a build (`NEXT_DIST_DIR=.next-bench npm run build`,
// done here unless --no-build). nginx's config and the apps' logs stay in reports/bench-failover/.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "../scripts/app-server";
import { startScaleSite } from "../scripts/scale-site";
import { failoverBounds } from "./failover-bounds";
import { failover } from "./failover-fault";
import { reportFailover } from "./failover-report";
import { runScenario, type Stage } from "./faults-run";
import { seedArticles } from "./lib/articles";
import { buildUnlessTold } from "./lib/build";
import { exitWith } from "./lib/exit-with";
import { PrivateCluster } from "./lib/private-cluster";
import { openPrivateSite, type PrivateSite } from "./lib/private-site";

const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
/** Articles the load reads and views, as bench:faults. */
const ARTICLES = 5;
/** More, read by the probe alone: among them, pages stored on the killed master and on others. */
const PROBE_ARTICLES = 12;
const SITE_DIR = "reports/bench-failover";
const NAME = "Redis Cluster master killed (SIGKILL), replica promoted, node restarted";

/** The scenario's stage: the cluster's masters flushed, nginx and two app processes started. */
function behindNginx(site: PrivateSite<PrivateCluster>): Stage {
  return {
    site,
    flush: () => site.redis.flush(),
    serve: async () => {
      rmSync(SITE_DIR, { recursive: true, force: true });
      const scale = await startScaleSite({
        port: await freePort(),
        dir: SITE_DIR,
        env: site.appEnv,
      });
      site.atClose(scale.stop); // a Ctrl-C too
      return { origin: scale.origin, stop: () => scale.stop() };
    },
  };
}

async function main(): Promise<boolean> {
  buildUnlessTold(DIST);
  const buildId = readFileSync(path.join(DIST, "BUILD_ID"), "utf8").trim();
  const cluster = new PrivateCluster();
  const site = await openPrivateSite(DIST, cluster);
  try {
    const seeded = await seedArticles(site, ARTICLES + PROBE_ARTICLES);
    const candidates = seeded.slice(ARTICLES).map((article) => `/posts/${article.slug}`);
    console.log(`\n${NAME} …`);
    const [result, figures] = await runScenario(
      behindNginx(site),
      NAME,
      (server) => failover({ cluster, buildId, candidates }, server),
      seeded.slice(0, ARTICLES),
    );
    const checks = failoverBounds(result, figures, cluster.allOk());
    reportFailover(result, figures, checks);
    return checks.every((c) => c.pass);
  } finally {
    await site.close();
  }
}

exitWith("bench:failover", main);
