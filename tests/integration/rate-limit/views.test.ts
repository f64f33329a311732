// The view request's bounds: per reader and per address, so that new reader cookies (or accounts)
// from one address never count more than the address may; and no view counted with an API key.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/views/route";
import { createPost } from "@/lib/domains/posts/mutations";
import { liveViews } from "@/lib/domains/view-counts/counter";
import { limitViews } from "@/lib/rate-limit/views";
import { userForFile } from "../../helpers/factories";
import { limiterOn, prefixPerTest, tenPerMinute, times } from "./helpers";

const { redis, prefix } = prefixPerTest();
const author = userForFile();
const limiters = () => ({
  byReader: limiterOn(redis, { ...tenPerMinute, name: "views", limit: 3 }, prefix),
  byAddress: limiterOn(redis, { ...tenPerMinute, name: "views-address", limit: 5 }, prefix),
});
const from = (address: string) => new Headers({ "x-forwarded-for": address });
const counted = () => Promise.resolve(new Response("counted"));
const reader = (id: string) => () => Promise.resolve({ id });

describe("the view request's bounds", () => {
  it("a reader counts at most its own bound", async () => {
    const bounds = limiters();
    const statuses = await Promise.all(
      times(
        4,
        async () =>
          (await limitViews(from("198.51.100.1"), reader("anon:one"), counted, bounds)).status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 200, 200, 429]);
  });

  it("a new reader cookie on every request does not lift the address's bound", async () => {
    const bounds = limiters();
    const answers = await Promise.all(
      times(8, (i) => limitViews(from("198.51.100.2"), reader(`anon:new-${i}`), counted, bounds)),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get("RateLimit-Policy")).toBe('"views-address";q=5;w=60');
    // Another address is not held back by this one.
    expect(
      (await limitViews(from("198.51.100.3"), reader("anon:elsewhere"), counted, bounds)).status,
    ).toBe(200);
  });
});

describe("POST /api/views with an API key", () => {
  it("is refused with 403 and counts nothing, whatever else it sends", async () => {
    const post = await createPost(author.id, {
      title: "Not counted",
      content: "Views are never counted for a key.",
    });
    const response = await POST(
      new Request("http://blog.test/api/views", {
        method: "POST",
        headers: {
          "x-api-key": "blog_anything",
          "sec-fetch-site": "same-origin",
          "content-type": "application/json",
        },
        body: JSON.stringify({ path: `/posts/${post.slug}` }),
      }),
      undefined,
    );
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toContain("API key");
    expect(await liveViews(post.id)).toBe(0);
  });
});
