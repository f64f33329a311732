// Members of a benchmark's site: accounts written straight into its database (passwords hashed
// as the app hashes them, at the cost the server is told to use), signed in through the real
// sign-in form in headless Chromium, then used over plain HTTP with their session cookie.
import { randomBytes } from "node:crypto";
import { type Browser, chromium } from "@playwright/test";
import { hashPassword } from "../../lib/domains/auth/password";
import type { PrivateSite, SiteRedis } from "./private-site";

export type Member = { email: string; password: string; name: string };
/** A session's Cookie header, or why the sign-in failed. */
export type SignInResult = { cookie: string } | { failed: string };

export async function createMembers(
  site: PrivateSite<SiteRedis>,
  count: number,
): Promise<Member[]> {
  const members: Member[] = [];
  for (let n = 0; n < count; n++) {
    const username = `member_${randomBytes(4).toString("hex")}`;
    const member = {
      email: `${username}@bench.example`,
      password: `pw-${username}`,
      name: username,
    };
    await site.query(
      `INSERT INTO users (email, username, name, password_hash, updated_at) VALUES ($1, $2, $3, $4, now())`,
      [member.email, username, member.name, await hashPassword(member.password)],
    );
    members.push(member);
  }
  return members;
}

export class SignIns {
  private constructor(
    private readonly browser: Browser,
    private readonly origin: string,
  ) {}

  static async open(origin: string): Promise<SignIns> {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
    });
    return new SignIns(browser, origin);
  }

  /** Signs in through the form; the session's Cookie header, or the reason it failed. */
  async signIn(member: Member): Promise<SignInResult> {
    const context = await this.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${this.origin}/signin`);
      await page.getByLabel("Email").fill(member.email);
      await page.getByLabel("Password").fill(member.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname !== "/signin", { timeout: 15_000 });
      const cookies = await context.cookies();
      return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
    } catch (error) {
      return { failed: (error as Error).message.split("\n")[0] };
    } finally {
      await context.close();
    }
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

/** True while the cookie's session is valid: /settings answers the member instead of a redirect. */
export async function isSignedIn(origin: string, cookie: string): Promise<boolean> {
  const response = await fetch(`${origin}/settings`, { headers: { cookie }, redirect: "manual" });
  await response.arrayBuffer();
  return response.status === 200;
}
