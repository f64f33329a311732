// Several app processes (what `npm start` runs) behind nginx on one port, the way a blog that has
// outgrown one process runs: for `npm run test:cluster`'s end-to-end suite and the scale
// benchmark. nginx is Debian's package, its site config deploy/nginx/blog.conf.template; the app
// processes listen on loopback only and trust one proxy (TRUST_PROXY=1). Everything it writes
// (nginx's config, pid, temp files and logs, the apps' logs) goes under `dir`.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppServer, freePort } from "./app-server";

const TEMPLATE = "deploy/nginx/blog.conf.template";
const PROCESSES = 2;

export type ScaleSite = {
  /** nginx's address: what readers use. */
  origin: string;
  /** Each app process, reachable directly only from this machine (tests that name a process). */
  apps: AppServer[];
  stop(): Promise<void>;
};

/** Where Debian installs nginx; a message saying how to get it when it is not there. */
function nginxBinary(): string {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx"])
    if (spawnSync(candidate, ["-v"]).status === 0) return candidate;
  throw new Error("nginx is not installed: sudo apt-get install -y nginx (Debian's package)");
}

// nginx is started detached: it leads a process group of its own, its workers in it.
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // gone already
  }
}

/** The site config with its ${NAME}s filled in, as the nginx image's envsubst would. */
export function siteConfig(values: Record<string, string>): string {
  return readFileSync(TEMPLATE, "utf8").replace(/\$\{(BLOG_\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${TEMPLATE} names \${${name}}, which is not given`);
    return value;
  });
}

// nginx as an unprivileged foreground process: every path it writes is under `dir`.
function mainConfig(dir: string): string {
  const temp = (name: string) => path.join(dir, `${name}-temp`);
  return `pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "nginx-error.log")} warn;
worker_processes 1;
# Open streams (SSE) do not hold a graceful stop for long.
worker_shutdown_timeout 2s;
# Each request in flight holds two connections (the reader's and one to an app process), and the
# suite's bursts keep a thousand in flight: at 1,024 nginx closed readers' idle keep-alive
# connections under them ("worker_connections are not enough, reusing connections").
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  include ${path.join(dir, "blog.conf")};
}
`;
}

async function startNginx(dir: string, port: number, upstreams: string[]) {
  const values = { BLOG_LISTEN: `127.0.0.1:${port}` } as Record<string, string>;
  upstreams.forEach((upstream, i) => {
    values[`BLOG_UPSTREAM_${i + 1}`] = upstream;
  });
  writeFileSync(path.join(dir, "blog.conf"), siteConfig(values));
  writeFileSync(path.join(dir, "nginx.conf"), mainConfig(dir));
  const log = openSync(path.join(dir, "nginx.log"), "a");
  const child = spawn(
    nginxBinary(),
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"],
    { stdio: ["ignore", log, log], detached: true },
  );
  closeSync(log);
  const exited = once(child, "exit");
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await fetch(`${origin}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (answer === 200) return { origin, child, exited };
    if (child.exitCode !== null || Date.now() > deadline) {
      killGroup(child, "SIGKILL");
      const logs = ["nginx.log", "nginx-error.log"].map((name) => path.join(dir, name));
      const errors = logs.filter(existsSync).map((file) => readFileSync(file, "utf8").slice(-2000));
      throw new Error(`nginx did not answer on port ${port}; its logs end:\n${errors.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the app processes (each answering /api/health), then nginx in front of them on `port`. */
export async function startScaleSite(options: {
  port: number;
  dir: string;
  env: NodeJS.ProcessEnv;
}): Promise<ScaleSite> {
  const { port, env } = options;
  const dir = path.resolve(options.dir); // nginx reads relative paths from its prefix
  mkdirSync(dir, { recursive: true });
  const apps: AppServer[] = [];
  const stopApps = () => Promise.all(apps.map((app) => app.stop("SIGTERM")));
  try {
    for (let i = 0; i < PROCESSES; i++) {
      const appPort = await freePort();
      const app = new AppServer({
        port: appPort,
        env: { ...env, TRUST_PROXY: "1" },
        logFile: path.join(dir, `app-${i + 1}-${appPort}.log`),
      });
      apps.push(app);
    }
    // One after the other: two cold starts at once on two cores only slow each other.
    for (const app of apps) await app.start();
    const upstreams = apps.map((app) => app.origin.replace("http://", ""));
    const nginx = await startNginx(dir, port, upstreams);
    const stop = async () => {
      nginx.child.kill("SIGQUIT"); // graceful: its workers finish within worker_shutdown_timeout
      await Promise.race([nginx.exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      killGroup(nginx.child, "SIGKILL"); // the master and its workers, which outlive a lone master
      await stopApps();
    };
    return { origin: nginx.origin, apps, stop };
  } catch (error) {
    await stopApps();
    throw error;
  }
}
