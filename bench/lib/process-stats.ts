// What a server process holds, read from Linux: its resident memory (/proc/<pid>/status), its
// open sockets (/proc/<pid>/fd) and the client connections on its port (ss).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** The pid of the process listening on a loopback TCP port. */
export function pidListeningOn(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}: ${out || "(ss says nothing)"}`);
  return Number(pid);
}

/** Resident set size in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
}

/** Every socket the process has open: clients, its Redis and Postgres connections, the listener. */
export function openSockets(pid: number): number {
  let sockets = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:")) sockets++;
    } catch {
      // closed while we looked
    }
  }
  return sockets;
}

/** Established client connections to the port (the server's side of each). */
export function clientConnections(port: number): number {
  const out = execFileSync("ss", ["-tnH", "state", "established", `sport = :${port}`], {
    encoding: "utf8",
  });
  return out.split("\n").filter((line) => line.trim()).length;
}
