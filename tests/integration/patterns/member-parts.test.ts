// A member's parts of the shared pages, as server.ts answers them (lib/blog/member-parts-answer.ts)
// before Next: from the session and the fragment cache while stored, a 401 for a cookie that
// names no live session, and Next (here a stand-in that says so) for anything else. Their
// fragment is forgotten with anything it shows, so the next request reaches Next again.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sealData } from "iron-session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileChanged } from "@/lib/blog/invalidation";
import { createMemberPartsAnswer, isMemberPartsRequest } from "@/lib/blog/member-parts-answer";
import { getMemberParts } from "@/lib/blog/sidebar";
import { SessionStore } from "@/lib/domains/auth/session-store";
import type { PublicUser } from "@/lib/domains/users/queries";
import { env } from "@/lib/platform/env";
import { redis } from "@/lib/platform/redis";
import { deleteUsers, makeUser } from "../../helpers/factories";

let member: PublicUser;
let server: Server;
let origin: string;
const sessions = () => new SessionStore(redis(), { idleSeconds: 600, rememberSeconds: 600 });
const cookieFor = async (sid: string) =>
  `blog_session=${await sealData({ sid }, { password: env().SESSION_SECRET, ttl: 600 })}`;

beforeAll(async () => {
  member = await makeUser();
  const answer = createMemberPartsAnswer(env());
  server = createServer(async (req, res) => {
    // As server.ts asks it: only for the request it answers.
    if (!(isMemberPartsRequest(req) && (await answer(req, res))))
      res.writeHead(299, { "x-next": "1" }).end("next");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await deleteUsers(member.id);
});

const ask = (headers: Record<string, string> = {}, path = "/api/me/parts") =>
  fetch(`${origin}${path}`, { headers });

describe("GET /api/me/parts before Next", () => {
  it("answers a live session's stored parts from Redis, as Next stored them", async () => {
    const parts = await getMemberParts(member);
    const response = await ask({
      cookie: await cookieFor(await sessions().create(member.id, false)),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-cache")).toBe("HIT");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("server-timing")).toMatch(
      new RegExp(`^cache;desc="HIT cache:fragment member:user:${member.id}";dur=`),
    );
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const body = await response.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(parts)));
    expect(body.user).toEqual({
      id: member.id,
      username: member.username,
      name: member.name,
      role: "USER",
    });
    expect(JSON.stringify(body)).not.toContain(member.email);
  });

  it("refuses a missing, forged or ended session with Next's 401 body", async () => {
    const sid = await sessions().create(member.id, false);
    const ended = await cookieFor(sid);
    await sessions().destroy(sid);
    for (const cookie of [undefined, "blog_session=forged", ended]) {
      const response = await ask(cookie ? { cookie } : {});
      expect(response.status, cookie).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "unauthorized", message: "You need to sign in to do that." },
      });
    }
  });

  it("leaves to Next what it has not stored, and forgets it with the profile it shows", async () => {
    const cookie = await cookieFor(await sessions().create(member.id, false));
    await getMemberParts(member);
    expect((await ask({ cookie })).headers.get("x-cache")).toBe("HIT");
    await profileChanged(member, { nameChanged: false });
    const response = await ask({ cookie });
    expect([response.status, response.headers.get("x-next")]).toEqual([299, "1"]);
    expect(response.headers.get("x-cache")).toBe("MISS");
  });

  it("leaves every other request to Next", async () => {
    const cookie = await cookieFor(await sessions().create(member.id, false));
    for (const path of ["/api/me", "/api/me/parts/x", "/"])
      expect((await ask({ cookie }, path)).status, path).toBe(299);
    const post = await fetch(`${origin}/api/me/parts`, { method: "POST", headers: { cookie } });
    expect(post.status).toBe(299);
  });
});
