// The processes of the services the scripts start: each in a process group of its own, so that a
// Ctrl-C in the terminal reaches the script and not them (the script stops them itself, after the
// app has written its pending views), its output in a log file, and a record of who started it,
// so that a run can stop what an earlier, killed run left behind and nothing else.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";

/** A service one of our scripts started: enough to stop it from any process (`npm test` stops it from a second one). */
export type StartedService = {
  name: string;
  pid: number;
  port: number;
  /** What its command line contains: a pid reused by another program is never signalled. */
  command: string;
  /** Its graceful stop: SIGINT is Postgres' fast shutdown, SIGTERM Redis'. */
  signal: "SIGINT" | "SIGTERM";
};

/** True while the process exists and has not exited (a zombie has exited). */
export function running(pid: number, command?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false; // kill(0) would signal our own group
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync(`/proc/${pid}`)) return true; // no /proc (macOS): kill(0) is all we know
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    if (state === "Z" || state === "X") return false;
    const line = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    return command === undefined || line.includes(command);
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone already
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a service and waits until its process is gone: its graceful signal, SIGKILL after `graceMs`. */
export async function stopService(service: StartedService, graceMs = 20_000): Promise<void> {
  if (!running(service.pid, service.command)) return;
  signal(service.pid, service.signal);
  const deadline = Date.now() + graceMs;
  while (running(service.pid)) {
    if (Date.now() > deadline) {
      signal(service.pid, "SIGKILL");
      while (running(service.pid)) await sleep(50);
      return;
    }
    await sleep(50);
  }
}

/** Starts a service's process in its own process group, its output appended to `logFile`. */
export function spawnService(
  command: string,
  args: string[],
  logFile: string,
  ids: { uid?: number; gid?: number } = {},
): ChildProcess {
  const log = openSync(logFile, "a");
  try {
    const child = spawn(command, args, { ...ids, detached: true, stdio: ["ignore", log, log] });
    child.on("error", () => {}); // reported by the caller through its exit or its log
    child.unref();
    return child;
  } finally {
    closeSync(log);
  }
}

/** The last lines of a log file, for a message saying why a service did not start. */
export function logTail(file: string, lines = 8): string {
  if (!existsSync(file)) return "(no log)";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

/** Records which process (the demo, or the shell of `npm test`) is responsible for stopping a service. */
export const recordOwner = (file: string, owner: number) => writeFileSync(file, `${owner}\n`);

/** True when the process recorded as responsible for a service has gone without stopping it. */
export function ownerGone(file: string): boolean {
  if (!existsSync(file)) return true;
  const pid = Number(readFileSync(file, "utf8").trim());
  return !(pid > 0 && running(pid));
}
