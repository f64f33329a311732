import { AppServer } from "../../scripts/app-server";
import { serverEnvWith } from "./server-env";

export { freePort } from "../../scripts/app-server";
export { PrivateRedis } from "../helpers/private-redis";

// A second app process: the same build, started on a port of its own with its own settings,
// that a test can stop (SIGKILL, like a crash; or SIGTERM, which flushes pending views first) and
// start again.
export class AppProcess {
  private readonly server: AppServer;
  /** Where the process's stdout and stderr go. */
  readonly logFile: string;
  constructor(
    readonly port: number,
    env: Record<string, string> = {},
  ) {
    this.logFile = `reports/e2e-app-${port}.log`;
    this.server = new AppServer({
      port,
      env: { ...process.env, ...serverEnvWith(env) },
      logFile: this.logFile,
    });
  }

  get origin() {
    return this.server.origin;
  }

  start() {
    return this.server.start();
  }

  stop(signal: "SIGKILL" | "SIGTERM" = "SIGKILL") {
    return this.server.stop(signal);
  }
}
