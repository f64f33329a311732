// `npm run build` into a benchmark's own dist directory, unless the command line says --no-build.
import { spawnSync } from "node:child_process";

export function buildUnlessTold(distDir: string): void {
  if (process.argv.includes("--no-build")) return;
  console.log(`building into ${distDir} …`);
  const { status } = spawnSync("npm", ["run", "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (status !== 0) throw new Error(`npm run build into ${distDir} failed`);
}
