import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HashSlots } from "@/lib/domains/auth/hash-slots";
import {
  currentParams,
  decoyHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "@/lib/domains/auth/password";
import { parseEnv } from "@/lib/platform/env";

const required = { DATABASE_URL: "postgresql://x", SESSION_SECRET: "x".repeat(32) };

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one, at the configured cost", async () => {
    const hash = await hashPassword("s3cret password");
    expect(hash).toMatch(new RegExp(`^scrypt\\$${currentParams().N}\\$8\\$1\\$`));
    expect(hash).not.toContain("s3cret");
    expect(await verifyPassword("s3cret password", hash)).toBe(true);
    expect(await verifyPassword("s3cret passworD", hash)).toBe(false);
  });

  it("costs N=2^17 by default (OWASP's minimum); tests run at the documented lower setting", () => {
    expect(parseEnv(required).PASSWORD_SCRYPT_LOG2_N).toBe(17);
    expect(currentParams().N).toBe(2 ** Number(process.env.PASSWORD_SCRYPT_LOG2_N));
  });

  it("verifies a hash made at another cost (the previous N=2^14), and says it needs rehashing", async () => {
    const salt = Buffer.from("salt-of-16-bytes");
    const key = scryptSync("pw".normalize("NFKC"), salt, 64, { N: 16_384, r: 8, p: 1 });
    const legacy = ["scrypt", 16_384, 8, 1, salt.toString("base64"), key.toString("base64")].join(
      "$",
    );
    expect(await verifyPassword("pw", legacy)).toBe(true);
    expect(await verifyPassword("pW", legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash(await hashPassword("pw"))).toBe(false);
  });

  it("the decoy costs what a real account's hash costs", () => {
    const [scheme, N, r, p, salt, key] = decoyHash().split("$");
    expect({ scheme, N: +N, r: +r, p: +p }).toEqual({ scheme: "scrypt", ...currentParams() });
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(Buffer.from(key, "base64")).toHaveLength(64);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses malformed or absurd stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1073741824$8$1$c2FsdA==$a2V5")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1000$8$1$c2FsdA==$a2V5")).toBe(false);
  });
});

describe("HashSlots", () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it("runs at most `concurrency` at once; the next starts when one ends", async () => {
    const slots = new HashSlots(2, 10);
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      slots.run(`owner ${i}`, async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1].open();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[0].open();
    gates[2].open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
  });

  it("past the waiting line it answers 503 instead of queueing without bound", async () => {
    const slots = new HashSlots(1, 1);
    const g = gate();
    const first = slots.run("a", () => g.opened);
    const second = slots.run("b", async () => "second");
    await expect(slots.run("c", async () => "third")).rejects.toMatchObject({
      code: "service_unavailable",
    });
    g.open();
    await first;
    expect(await second).toBe("second");
  });

  it("gives a freed slot to the owner who waited longest since their turn, not to the longest line", async () => {
    const slots = new HashSlots(1, 10, 5);
    const order: string[] = [];
    const g = gate();
    const first = slots.run("guesser", () => g.opened);
    const runs = ["guesser 1", "guesser 2", "guesser 3", "reader", "guesser 4", "writer"].map(
      (name) => slots.run(name.split(" ")[0], async () => void order.push(name)),
    );
    g.open();
    await Promise.all([first, ...runs]);
    // The reader and the writer each wait behind one of the guesser's hashes at most.
    expect(order).toEqual(["guesser 1", "reader", "writer", "guesser 2", "guesser 3", "guesser 4"]);
  });

  it("refuses an owner's check past their own line, while others still get in line", async () => {
    const slots = new HashSlots(1, 10, 2);
    const g = gate();
    const running = slots.run("guesser", () => g.opened);
    const waiting = [slots.run("guesser", async () => 1), slots.run("guesser", async () => 2)];
    await expect(slots.run("guesser", async () => 3)).rejects.toMatchObject({
      code: "rate_limited",
    });
    const other = slots.run("reader", async () => "reader");
    g.open();
    await running;
    expect(await Promise.all([...waiting, other])).toEqual([1, 2, "reader"]);
  });
});
