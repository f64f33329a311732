import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/platform/env";

const valid = {
  DATABASE_URL: "postgresql://postgres@localhost:5432/blog",
  SESSION_SECRET: "x".repeat(32),
};

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(valid);
    expect(env.REDIS_URL).toBe("redis://localhost:6379/0");
    expect(env.CACHE_DEFAULT_TIMEOUT).toBe(300);
    expect(env.SESSION_IDLE_TTL_SECONDS).toBe(86_400);
  });

  it("lists every problem in words", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", SESSION_SECRET: "short" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const { problems, message } = error as EnvError;
      expect(problems).toEqual([
        "DATABASE_URL must be a postgresql:// URL",
        "SESSION_SECRET must be at least 32 characters long (openssl rand -hex 32)",
      ]);
      expect(message).toContain("Invalid configuration:");
    }
  });

  it("says a missing secret is required", () => {
    expect(() => parseEnv({ DATABASE_URL: valid.DATABASE_URL })).toThrow(
      /SESSION_SECRET is required/,
    );
  });

  it("coerces numbers and refuses nonsense", () => {
    expect(parseEnv({ ...valid, CACHE_DEFAULT_TIMEOUT: "60" }).CACHE_DEFAULT_TIMEOUT).toBe(60);
    expect(() => parseEnv({ ...valid, CACHE_DEFAULT_TIMEOUT: "soon" })).toThrow(
      /CACHE_DEFAULT_TIMEOUT/,
    );
  });

  it("bounds the wait after a write: 1 s by default, 0 to 60 s, a number", () => {
    expect(parseEnv(valid).AFTER_WRITE_WAIT_MS).toBe(1000);
    expect(parseEnv({ ...valid, AFTER_WRITE_WAIT_MS: "0" }).AFTER_WRITE_WAIT_MS).toBe(0);
    for (const wrong of ["soon", "-1", "999999"]) {
      expect(() => parseEnv({ ...valid, AFTER_WRITE_WAIT_MS: wrong })).toThrow(
        /AFTER_WRITE_WAIT_MS/,
      );
    }
  });

  it("reads REDIS_CLUSTER_NODES as seed nodes, and names the entry it cannot read", () => {
    const env = parseEnv({
      ...valid,
      REDIS_CLUSTER_NODES: " 10.0.0.1:7000, [::1]:7001,redis-a:6379,",
    });
    expect(env.REDIS_CLUSTER_NODES).toEqual([
      { host: "10.0.0.1", port: 7000 },
      { host: "::1", port: 7001 },
      { host: "redis-a", port: 6379 },
    ]);
    expect(parseEnv(valid).REDIS_CLUSTER_NODES).toBeUndefined();
    const problems = (value: string) => {
      try {
        parseEnv({ ...valid, REDIS_CLUSTER_NODES: value });
        return [];
      } catch (error) {
        return (error as EnvError).problems;
      }
    };
    expect(problems("redis-a:6379,nonsense")).toEqual([
      `REDIS_CLUSTER_NODES must be host:port,host:port (a Cluster's nodes): "nonsense" is not host:port`,
    ]);
    expect(problems("host:99999")[0]).toContain(`"host:99999" is not host:port`);
    expect(problems(",")[0]).toContain("names no node");
    // A huge value is named by its first 40 characters, not printed whole.
    const [huge] = problems("a".repeat(100_000));
    expect(huge).toContain(`"${"a".repeat(40)}…" is not host:port`);
    expect(huge.length).toBeLessThan(200);
  });
});
