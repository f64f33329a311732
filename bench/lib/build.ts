// `npm run build` into a benchmark's own dist directory, unless the command line says --no-build.
// `env`: the server's environment, when the build should see the same settings as the server.
import { spawnSync } from "node:child_process";

export function buildUnlessTold(distDir: string, env: NodeJS.ProcessEnv = process.env): void {
  if (process.argv.includes("--no-build")) return;
  console.log(`building into ${distDir} …`);
  const { status } = spawnSync("npm", ["run", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (status !== 0) throw new Error(`npm run build into ${distDir} failed`);
}
