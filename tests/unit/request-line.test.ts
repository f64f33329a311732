import { describe, expect, it } from "vitest";
import { acceptRequestLine, originForm } from "@/lib/http/request-line";

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

describe("a request line Next cannot take", () => {
  it("passes what Next serves, with the target as a path", () => {
    expect(acceptRequestLine("GET", "/posts/caf%C3%A9?q=%")).toEqual({
      target: "/posts/caf%C3%A9?q=%",
    });
    expect(acceptRequestLine("POST", "http://blog.example/settings")).toEqual({
      target: "/settings",
    });
  });

  it("answers 400 for a target that is no path, or a path with a broken percent-escape", () => {
    for (const target of ["*", "/posts/%", "/u/%E9", "/%zz/x"]) {
      const answer = acceptRequestLine("GET", target);
      expect(answer, target).toMatchObject({ status: 400 });
      expect("message" in answer && answer.message).toMatch(/^Bad Request: /);
    }
  });

  it("answers 405 with the methods served for TRACE and made-up methods", () => {
    for (const method of ["TRACE", "FOO", "get", undefined])
      expect(acceptRequestLine(method, "/"), String(method)).toMatchObject({
        status: 405,
        headers: { allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" },
      });
  });
});
