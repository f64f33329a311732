// The nginx site config is one file for `npm run test:cluster` (scripts/scale-site.ts fills it in)
// and docker-compose.yml's `scale` profile (the nginx image's envsubst): both must give it every
// name it uses, and the same settings to the app processes behind it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { siteConfig } from "../../scripts/scale-site";

const template = readFileSync("deploy/nginx/blog.conf.template", "utf8");
const compose = readFileSync("docker-compose.yml", "utf8");
const names = [...new Set([...template.matchAll(/\$\{(BLOG_\w+)\}/g)].map((match) => match[1]))];

describe("deploy/nginx/blog.conf.template", () => {
  it("names the listen address and two upstreams", () => {
    expect(names.sort()).toEqual(["BLOG_LISTEN", "BLOG_UPSTREAM_1", "BLOG_UPSTREAM_2"]);
  });

  it("is filled in whole by the test scripts, and refused when a name is missing", () => {
    const values = { BLOG_LISTEN: "127.0.0.1:1", BLOG_UPSTREAM_1: "a:1", BLOG_UPSTREAM_2: "b:2" };
    const config = siteConfig(values);
    expect(config).not.toMatch(/\$\{BLOG_/);
    expect(config).toContain("server a:1;");
    expect(config).toContain("proxy_set_header X-Forwarded-For $remote_addr;");
    expect(() => siteConfig({ BLOG_LISTEN: "1" })).toThrow(/BLOG_UPSTREAM_1/);
  });

  it("is what docker-compose.yml's nginx reads, with every name set", () => {
    expect(compose).toContain(
      "./deploy/nginx/blog.conf.template:/etc/nginx/templates/default.conf.template:ro",
    );
    for (const name of names) expect(compose).toMatch(new RegExp(`^\\s+${name}: \\S+`, "m"));
  });

  it("sits in front of app processes that trust one proxy, in the tests and in docker-compose.yml", () => {
    expect(readFileSync("scripts/scale-site.ts", "utf8")).toContain('TRUST_PROXY: "1"');
    expect(compose).toMatch(/^\s+TRUST_PROXY: "1"$/m);
    expect(compose).toContain("--cluster-replicas 1");
  });
});
