import { AppServer } from "../../scripts/app-server";
import { e2eServerEnv } from "./server-env";

export { freePort } from "../../scripts/app-server";
export { PrivateRedis } from "../helpers/private-redis";

// A second app process: the same build, started on a port of its own with its own settings,
// that a test can stop (SIGKILL, like a crash) and start again.
export class AppProcess {
  private readonly server: AppServer;
  constructor(
    readonly port: number,
    env: Record<string, string> = {},
  ) {
    this.server = new AppServer({
      port,
      env: { ...process.env, ...e2eServerEnv, ...env },
      logFile: `reports/e2e-app-${port}.log`,
    });
  }

  get origin() {
    return this.server.origin;
  }

  start() {
    return this.server.start();
  }

  stop() {
    return this.server.stop("SIGKILL");
  }
}
