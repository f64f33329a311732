import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppServer, type StartCommand } from "../../scripts/app-server";
import { TEST_CACHE_COMMAND_TIMEOUT_MS, testSettings } from "../settings";
import { dropTestDatabase, prepareTestDatabase } from "../setup/test-state";
import { freePort, PrivateRedis } from "./app-process";
import { expect, signIn, type TestUser, test } from "./fixtures";
import { type Image, layOutImage, userIds } from "./image-layout";

// The image (Dockerfile) without Docker: its last stage's files laid out as it copies them
// (tests/e2e/image-layout.ts), its runtime packages installed by its own `npm ci` line, then, on a
// new database and a private Redis, the migrations and the seed run by the commands the README
// gives, and the server started by its CMD, with its ENV (NODE_ENV=production), as its USER:
// what a container would do. Nothing of the project is reachable from there: no tsx, no sources.

// The README's commands (docker-compose.yml's `migrate` service runs the first).
const MIGRATE = ["node", "dist/migrate.mjs"];
const SEED = ["node", "dist/seed.mjs", "--demo-accounts"];
// The seed's demo reader (prisma/seed.ts).
const DEMO: TestUser = {
  id: 0,
  email: "demo@example.com",
  username: "demo",
  name: "Demo Reader",
  password: "demo-password",
};
const METRICS_TOKEN = randomBytes(24).toString("hex");

test.describe.configure({ mode: "serial" });

let image: Image;
let app: AppServer;
let redis: PrivateRedis;
let env: Record<string, string>;
let run: (argv: string[]) => Promise<void>;
let temp: string;
const database = new URL(testSettings.TEST_DATABASE_URL);
database.pathname = database.pathname.replace(/_test$/, "_image_test");

/** argv as the image runs it: `node` is this Node (the image's is the same major, 26). */
function command(argv: string[]): StartCommand {
  const [program, ...args] = argv;
  return {
    command: program === "node" ? process.execPath : program,
    args,
    cwd: image.root,
    ...userIds(image.user),
  };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const timings: string[] = [];
  const timed = async <T>(stage: string, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work;
    timings.push(`${stage} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  temp = mkdtempSync(path.join(tmpdir(), "blog-image-"));
  redis = new PrivateRedis();
  [image] = await Promise.all([
    timed(
      "layout",
      layOutImage({
        dockerfile: "Dockerfile",
        context: process.cwd(),
        builtStage: "build",
        distDir: testSettings.NEXT_DIST_DIR,
        into: temp,
      }),
    ),
    prepareTestDatabase(database.toString(), { fresh: true }).then(() => redis.start()),
  ]);
  const port = await freePort();
  env = {
    // A PATH with Node only: none of the project's node_modules/.bin (tsx) is on it.
    PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    ...image.env,
    // What `docker run -e` or docker-compose.yml would set.
    DATABASE_URL: database.toString(),
    REDIS_URL: `${redis.url}/0`,
    SESSION_SECRET: randomBytes(32).toString("hex"),
    METRICS_TOKEN,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    // The test machine's allowances (tests/settings.ts): cheap hashes, a patient cache.
    PASSWORD_SCRYPT_LOG2_N: "12",
    CACHE_COMMAND_TIMEOUT_MS: String(TEST_CACHE_COMMAND_TIMEOUT_MS),
  };
  run = async (argv) => {
    const { command: program, args, ...how } = command(argv);
    const child = spawn(program, args, {
      ...how,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    const [code] = await once(child, "exit");
    if (code !== 0) throw new Error(`${argv.join(" ")} exited with ${code}:\n${errors}`);
  };
  await timed("migrate", run(MIGRATE));
  await timed("seed", run(SEED));
  app = new AppServer({
    port,
    env: env as NodeJS.ProcessEnv,
    logFile: path.resolve(`reports/e2e-image-${port}.log`),
    start: command(image.cmd),
  });
  await timed("start", app.start());
  console.log(`image: ${timings.join(", ")}`);
});

test.afterAll(async () => {
  await app?.stop("SIGTERM");
  await redis?.stop();
  await dropTestDatabase(database.toString());
  if (temp) rmSync(temp, { recursive: true, force: true });
});

test("the image runs its CMD in production, as an unprivileged user, on the port it exposes", () => {
  expect(image.cmd).toEqual(["node", "dist/server.mjs"]);
  expect(image.env).toMatchObject({ NODE_ENV: "production", PORT: image.exposed[0] });
  expect(image.user).toBeDefined();
  expect(image.user).not.toBe("root");
  // The suite's build is the build stage's: its own command.
  expect(image.runs("build").join(" && ")).toContain("npm run build");
  // The commands the README documents are the ones run above.
  const documented = (file: string, text: string) =>
    expect(readFileSync(file, "utf8").includes(text), `${file} says \`${text}\``).toBe(true);
  documented("docker-compose.yml", `command: ${JSON.stringify(MIGRATE).replaceAll(",", ", ")}`);
  documented("README.md", MIGRATE.join(" "));
  documented("README.md", SEED.join(" "));
});

test("it holds no tsx, no development package and no TypeScript", () => {
  // What the lock marks as for development only (`dev`, or `devOptional`: a dev package that a
  // runtime one names as an optional peer). Runtime packages may bring types (@types/pg).
  const { packages } = JSON.parse(readFileSync("package-lock.json", "utf8"));
  const modules = path.join(image.root, "node_modules");
  const installed = readdirSync(modules)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) =>
      name.startsWith("@")
        ? readdirSync(path.join(modules, name)).map((inner) => `${name}/${inner}`)
        : [name],
    );
  const lock = (name: string) => packages[`node_modules/${name}`] ?? {};
  expect(installed).not.toContain("tsx");
  expect(installed.filter((name) => lock(name).dev || lock(name).devOptional)).toEqual([]);
  const sources = readdirSync(image.root, { recursive: true, encoding: "utf8" }).filter(
    (file) => !file.split(path.sep).includes("node_modules") && /\.(ts|tsx)$/.test(file),
  );
  expect(sources).toEqual([]);
  // Nor could Node find the project's packages from it (it looks in every parent folder).
  for (let dir = path.dirname(image.root); dir !== "/"; dir = path.dirname(dir))
    expect(existsSync(path.join(dir, "node_modules")), dir).toBe(false);
});

test("the home page lists articles, and an article opens", async ({ page }) => {
  const home = await page.goto(`${app.origin}/`);
  expect(home?.status()).toBe(200);
  // The production headers: no 'unsafe-eval', which only the dev server needs.
  expect(home?.headers()["content-security-policy"]).not.toContain("unsafe-eval");
  const first = page.locator('a[href^="/posts/"]').first();
  const href = await first.getAttribute("href");
  const article = await page.goto(`${app.origin}${href}`);
  expect(article?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
});

test("a seeded account signs in", async ({ page }) => {
  await signIn(page, DEMO, { origin: app.origin });
});

test("/api/health answers ok with Postgres and Redis up, and the HEALTHCHECK passes", async ({
  request,
}) => {
  const health = await request.get(`${app.origin}/api/health`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", postgres: "up", redis: "up" });
  expect(image.healthcheck[0]).toBe("node");
  await run(image.healthcheck);
});

test("/api/metrics asks for the token, and answers the blog's metrics to it", async ({
  request,
}) => {
  expect((await request.get(`${app.origin}/api/metrics`)).status()).toBe(401);
  const metrics = await request.get(`${app.origin}/api/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(/^blog_\w+/m);
});
