// How long a failed sign-in takes for an email with an account and for one without, at the
// configured scrypt cost (default N=2^17). The two should match: the difference would tell
// which emails have accounts. Run: `npx tsx bench/signin-timing.ts [tries]` against a migrated
// database (DATABASE_URL); it makes one user and removes it.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { currentParams } from "@/lib/domains/auth/password";
import { authenticate, registerUser } from "@/lib/domains/users/mutations";
import { db } from "@/lib/platform/db";

const tries = Number(process.argv[2] ?? 10);

async function failedSignIn(email: string): Promise<number> {
  const started = performance.now();
  await authenticate({ email, password: "not the password" }).catch(() => {});
  return performance.now() - started;
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    mean: Math.round(ms.reduce((a, b) => a + b, 0) / ms.length),
    median: Math.round(sorted[sorted.length >> 1]),
  };
};

async function main() {
  const name = `bench_${randomBytes(4).toString("hex")}`;
  const user = await registerUser({
    email: `${name}@bench.example`,
    username: name,
    name,
    password: "the real password",
  });
  try {
    await failedSignIn(user.email); // warm both paths once
    await failedSignIn(`nobody-${name}@bench.example`);
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so both see the same machine load.
    for (let i = 0; i < tries; i++) {
      known.push(await failedSignIn(user.email));
      unknown.push(await failedSignIn(`nobody-${i}-${name}@bench.example`));
    }
    console.log(`scrypt N=${currentParams().N}, ${tries} tries each (ms):`);
    console.log(`  known email, wrong password: ${JSON.stringify(stats(known))}`);
    console.log(`  unknown email:               ${JSON.stringify(stats(unknown))}`);
  } finally {
    await db.user.delete({ where: { id: user.id } });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
