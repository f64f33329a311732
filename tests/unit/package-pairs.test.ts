import { describe, expect, it } from "vitest";
import { lowestSupported, pairProblems } from "../../scripts/check-package-pairs";

const matching = {
  prisma: "7.10.1",
  "@prisma/client": "7.10.1",
  "@prisma/adapter-pg": "7.10.1",
  next: "16.4.6",
  "@next/env": "16.4.6",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "@types/node": "24.19.4",
};
const check = (installed: Record<string, string | undefined>, nodeVersion = "v26.12.1") =>
  pairProblems({ installed, enginesNode: ">=24.9", nodeVersion });

describe("the package-pair check", () => {
  it("passes packages released together at one version, and Node types of the oldest Node supported", () => {
    expect(check(matching)).toEqual([]);
    expect(check(matching, "v24.22.3")).toEqual([]);
    expect(check(matching, "v24.9.0")).toEqual([]);
  });

  it("names a pair that drifted apart, with both versions (the Prisma client a patch behind its CLI)", () => {
    const problems = check({ ...matching, "@prisma/client": "7.10.0" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      "prisma 7.10.1, @prisma/client 7.10.0, @prisma/adapter-pg 7.10.1",
    );
    expect(check({ ...matching, "@next/env": "16.5.0" })[0]).toContain(
      "next 16.4.6, @next/env 16.5.0",
    );
    expect(check({ ...matching, "react-dom": undefined })[0]).toContain(
      "react-dom (not installed)",
    );
  });

  it("refuses Node types of a newer Node than the oldest supported, and a Node older than engines", () => {
    expect(check({ ...matching, "@types/node": "26.6.11" })[0]).toMatch(
      /@types\/node 26\.6\.11 describes Node 26, but the oldest Node supported .* is 24/,
    );
    expect(check(matching, "v20.20.2")[0]).toContain("Node v20.20.2 runs this");
    expect(check(matching, "v24.8.1")[0]).toContain(
      'Node v24.8.1 runs this, but engines.node is ">=24.9"',
    );
  });

  it("reads engines.node of the form >=N, and says so for any other", () => {
    expect(lowestSupported(">=24")).toEqual([24, 0, 0]);
    expect(lowestSupported(">= 22.13.0")).toEqual([22, 13, 0]);
    expect(() => lowestSupported("^24 || ^26")).toThrow(/must read ">=N"/);
    expect(() => lowestSupported(undefined)).toThrow(/must read ">=N"/);
  });
});
