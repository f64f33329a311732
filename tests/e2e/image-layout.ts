// The image without Docker (no engine runs on these machines): reads the Dockerfile and lays out
// the files of its last stage in a directory as `docker build` would put them under its WORKDIR,
// so that the Dockerfile stays the one description of the image and a file it forgets is missing
// here too. What it understands is what the Dockerfile uses, and anything else fails loudly:
// - FROM, WORKDIR, ENV, USER, EXPOSE, HEALTHCHECK CMD and CMD in exec form;
// - COPY from the build context, or `--from=<stage>` with `--exclude=<glob>` (relative to each
//   source, as BuildKit applies it); plain paths only (no globs, no `--chown`);
// - a stage other than the built one (`deps`) is run: its COPY and RUN lines, in a directory of
//   its own, npm taking packages from its cache first (`npm_config_prefer_offline`);
// - the built stage (`build`, whose `npm run build` the suite has run already) is this working
//   tree, with `.next` read from the suite's own build folder (NEXT_DIST_DIR).
// The layout must lie outside the project: Node looks for packages in every parent folder, and the
// project's own node_modules (tsx among them) must not be found from it.
import { spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { StartCommand } from "../../scripts/app-server";

type Instruction = { op: string; flags: [string, string][]; args: string[] };
type Stage = { name: string; from: string; instructions: Instruction[] };

/** One instruction: its flags (`--from=build`), then an exec-form JSON array or words. */
function parseInstruction(line: string): Instruction {
  const [, op, rest] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
  let text = rest ?? "";
  const flags: [string, string][] = [];
  for (
    let flag = /^--([\w-]+)=(\S+)\s*/.exec(text);
    flag;
    flag = /^--([\w-]+)=(\S+)\s*/.exec(text)
  ) {
    flags.push([flag[1], flag[2]]);
    text = text.slice(flag[0].length);
  }
  const execForm = /^(CMD\s+)?\[/.exec(text);
  const args = execForm
    ? [...(execForm[1] ? ["CMD"] : []), ...JSON.parse(text.slice(execForm[1]?.length ?? 0))]
    : text.split(/\s+/).filter(Boolean);
  return { op: op.toUpperCase(), flags, args };
}

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const instruction of lines.map(parseInstruction)) {
    if (instruction.op === "FROM") {
      const [from, as, name] = instruction.args;
      stages.push({ from, name: as?.toUpperCase() === "AS" ? name : from, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile: ${instruction.op} before any FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** A stage's instructions after those of the stages it is built FROM. */
function chain(stages: Stage[], stage: Stage): Instruction[] {
  const base = stages.find((s) => s.name === stage.from);
  return [...(base ? chain(stages, base) : []), ...stage.instructions];
}

const last = (instructions: Instruction[], op: string) =>
  instructions.filter((i) => i.op === op).at(-1);

function workdirOf(instructions: Instruction[]): string {
  const workdir = last(instructions, "WORKDIR")?.args[0];
  if (!workdir?.startsWith("/"))
    throw new Error("Dockerfile: every stage needs an absolute WORKDIR");
  return workdir;
}

function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructions.filter((i) => i.op === "ENV")) {
    for (const pair of args) {
      const [name, ...value] = pair.split("=");
      if (!value.length) throw new Error(`Dockerfile: write ENV as NAME=value (${pair})`);
      env[name] = value.join("=");
    }
  }
  return env;
}

function run(command: string, cwd: string, env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], {
      cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`\`${command}\` exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

/** Copies each source into the destination the way COPY does: a folder's contents, a file itself. */
function copy(sources: string[], destination: string, excludes: string[]): void {
  for (const source of sources) {
    if (/[*?[]/.test(source)) throw new Error(`COPY ${source}: globs are not laid out here`);
    if (!existsSync(source)) throw new Error(`COPY ${source}: there is no such file to copy`);
    const folder = statSync(source).isDirectory();
    const into =
      !folder && destination.endsWith("/")
        ? path.join(destination, path.basename(source))
        : destination;
    mkdirSync(folder ? into : path.dirname(into), { recursive: true });
    cpSync(source, into, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (file) => {
        const relative = path.relative(source, file);
        return !relative || !excludes.some((glob) => path.matchesGlob(relative, glob));
      },
    });
  }
}

export type ImageOptions = {
  dockerfile: string;
  /** The build context, and the built stage's working directory: the project. */
  context: string;
  /** The stage the suite has built already (`npm run build`), standing for the project. */
  builtStage: string;
  /** Where the suite's build put `.next`. */
  distDir: string;
  /** An empty folder outside the project. */
  into: string;
};

export type Image = {
  /** The last stage's WORKDIR, laid out. */
  root: string;
  env: Record<string, string>;
  user: string | undefined;
  exposed: string[];
  cmd: string[];
  healthcheck: string[];
  /** The stages' RUN lines, to check what the built stage would have run. */
  runs: (stage: string) => string[];
};

/** Lays out the last stage of the Dockerfile in `into` and describes how to run it. */
export async function layOutImage(options: ImageOptions): Promise<Image> {
  const stages = parseDockerfile(readFileSync(options.dockerfile, "utf8"));
  const final = stages.at(-1);
  if (!final) throw new Error("Dockerfile: no stage");
  const finalSteps = chain(stages, final);
  const workdir = workdirOf(finalSteps);
  const root = path.join(options.into, workdir);
  mkdirSync(root, { recursive: true });
  // Readable by the image's user, as in the image (mkdtemp makes 0700 folders).
  for (let dir = root; dir.startsWith(options.into); dir = path.dirname(dir)) chmodSync(dir, 0o755);

  const made = new Map<string, Promise<string>>();
  const stageDir = (name: string) => {
    if (!made.has(name)) made.set(name, makeStage(stages, name, options));
    return made.get(name) as Promise<string>;
  };
  for (const instruction of finalSteps.filter((i) => i.op === "COPY")) {
    const from = instruction.flags.find(([flag]) => flag === "from")?.[1];
    const unknown = instruction.flags.filter(([flag]) => !["from", "exclude"].includes(flag));
    if (unknown.length) throw new Error(`COPY --${unknown[0][0]}: not laid out here`);
    const excludes = instruction.flags.filter(([flag]) => flag === "exclude").map(([, v]) => v);
    const sources = instruction.args.slice(0, -1);
    const destination = instruction.args.at(-1) as string;
    if (sources.length > 1 && !destination.endsWith("/"))
      throw new Error(`COPY ${instruction.args.join(" ")}: several sources need a folder (…/)`);
    const resolved = await Promise.all(
      sources.map((source) => sourcePath(stages, from, source, options, stageDir)),
    );
    const target = path.resolve(root, path.relative(workdir, path.resolve(workdir, destination)));
    if (!target.startsWith(root)) throw new Error(`COPY to ${destination}: outside ${workdir}`);
    copy(resolved, destination.endsWith("/") ? `${target}/` : target, excludes);
  }

  const healthcheck = last(finalSteps, "HEALTHCHECK")?.args ?? [];
  return {
    root,
    env: envOf(finalSteps),
    user: last(finalSteps, "USER")?.args[0],
    exposed: finalSteps.filter((i) => i.op === "EXPOSE").flatMap((i) => i.args),
    cmd: last(finalSteps, "CMD")?.args ?? [],
    healthcheck: healthcheck[0] === "CMD" ? healthcheck.slice(1) : [],
    runs: (name) => {
      const stage = stages.find((s) => s.name === name);
      if (!stage) return [];
      return chain(stages, stage)
        .filter((i) => i.op === "RUN")
        .map((i) => i.args.join(" "));
    },
  };
}

/** Where a COPY source is on this machine: in the context, the built stage, or a stage run here. */
async function sourcePath(
  stages: Stage[],
  from: string | undefined,
  source: string,
  options: ImageOptions,
  stageDir: (name: string) => Promise<string>,
): Promise<string> {
  if (!from) return path.join(options.context, source);
  const stage = stages.find((s) => s.name === from);
  if (!stage) throw new Error(`COPY --from=${from}: no such stage`);
  const workdir = workdirOf(chain(stages, stage));
  const relative = path.relative(workdir, path.resolve(workdir, source));
  if (relative.startsWith(".."))
    throw new Error(`COPY --from=${from} ${source}: outside ${workdir}`);
  if (from !== options.builtStage) return path.join(await stageDir(from), relative);
  const [top, ...rest] = relative.split(path.sep);
  return path.join(options.context, top === ".next" ? options.distDir : top, ...rest);
}

/** Runs a stage's COPY (from the context) and RUN lines in a folder of its own. */
async function makeStage(stages: Stage[], name: string, options: ImageOptions): Promise<string> {
  const stage = stages.find((s) => s.name === name) as Stage;
  const steps = chain(stages, stage);
  const dir = path.join(options.into, "stages", name);
  mkdirSync(dir, { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    npm_config_prefer_offline: "true",
    ...envOf(steps),
  };
  const workdir = workdirOf(steps);
  for (const step of steps) {
    if (step.op === "COPY" && step.flags.length === 0) {
      const sources = step.args.slice(0, -1).map((source) => path.join(options.context, source));
      const destination = step.args.at(-1) as string;
      const target = path.join(dir, path.relative(workdir, path.resolve(workdir, destination)));
      copy(sources, destination.endsWith("/") ? `${target}/` : target, []);
    } else if (step.op === "RUN") {
      await run(step.args.join(" "), dir, env);
    } else if (!["WORKDIR", "ENV"].includes(step.op)) {
      throw new Error(`stage ${name}: ${step.op} is not run here`);
    }
  }
  return dir;
}

/** The image's user as a uid:gid (`node` is 1000 in Node's official images). */
export function userIds(user: string | undefined): Pick<StartCommand, "uid" | "gid"> {
  const ids: Record<string, number> = { root: 0, node: 1000 };
  if (user === undefined) return {};
  if (!(user in ids)) throw new Error(`USER ${user}: its uid is not known here`);
  // Only root may run a process as another user; otherwise it runs as whoever runs the tests.
  return process.getuid?.() === 0 ? { uid: ids[user], gid: ids[user] } : {};
}
