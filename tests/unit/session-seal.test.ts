import { describe, expect, it } from "vitest";
import { sealSid, unsealSid } from "@/lib/domains/auth/session-seal";

// Sealed by iron-session 8.0.4, the version before 9, with the test suite's SESSION_SECRET and no
// expiry: the cookie a member signed in before the upgrade still carries.
const SEALED_BY_IRON_SESSION_8 =
  "Fe26.2*1*e1e76f005258b44f8264d24640840c6c75b2266417a02d51a992c3a7c0515524*zLBaws4moEQUNBYjXT7m8g*_1vnZkZ65YedZYcs1QYTqSQFMe5K5t-qK053PFgpipTBha_Ihxn4SDYzZ8ieFSJU**e2041586650ffe4f54d862d08c16f715c6263bc46b60658393725cc6f9e2b056*jxBBn_vtaJpDyN_XSELQAOSyKv8nJ-dHnUoJkIPhAXw~2";

describe("the session cookie's seal", () => {
  it("gives back the session id it sealed, and never shows it in the cookie", async () => {
    const sealed = await sealSid("a-session-id");
    expect(sealed).not.toContain("a-session-id");
    expect(await unsealSid(sealed)).toBe("a-session-id");
  });

  it("reads a cookie sealed before the move to iron-session 9: members stay signed in", async () => {
    expect(await unsealSid(SEALED_BY_IRON_SESSION_8)).toBe("v8-session-id-0123456789abcdef");
  });

  it("reads a changed or foreign value as no session, without an error", async () => {
    const sealed = await sealSid("a-session-id");
    const changed = sealed.replace(/\*([^*]{4})/, "*AAAA");
    expect(changed).not.toBe(sealed);
    for (const value of [changed, "Fe26.2*nonsense", "plain text", ""])
      expect(await unsealSid(value)).toBeNull();
  });
});
