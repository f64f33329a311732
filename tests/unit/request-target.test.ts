import { describe, expect, it } from "vitest";
import { originForm } from "@/lib/http/request-target";

describe("the request target as a path", () => {
  it("keeps a path and its query as they came", () => {
    expect(originForm("/posts/redis-1?page=2")).toBe("/posts/redis-1?page=2");
    expect(originForm("//evil.example/")).toBe("//evil.example/");
  });

  it("takes the path and query of an absolute-form target", () => {
    expect(originForm("http://blog.example/u/demo?x=1")).toBe("/u/demo?x=1");
    expect(originForm("HTTPS://blog.example")).toBe("/");
  });

  it("refuses the asterisk-form and targets that are no path", () => {
    for (const target of ["*", "", undefined, "posts/x", "ftp://blog.example/", "http://"])
      expect(originForm(target), String(target)).toBeNull();
  });
});
