// The members of `npm run bench:scale`, signed in on each setup through its own form (bench/lib/
// members.ts). A signed-in page bypasses the page cache, so it is rendered every time; but the
// page cache bypasses on the cookie alone, and a session the app could not read would be rendered
// for a stranger, just as fast. So each setup's home page must show a member before the run, and
// every session must still be valid after it.
import { isSignedIn, type Member, SignIns } from "./lib/members";
import type { Setup } from "./scale-setups";

// The layout's sign-out button: only a signed-in reader's page has it.
const SIGNED_IN_MARK = 'data-testid="sign-out"';

export async function signInAll(setup: Setup, members: Member[]): Promise<string[]> {
  const signIns = await SignIns.open(setup.origin);
  try {
    const cookies: string[] = [];
    for (const member of members) {
      const result = await signIns.signIn(member);
      if ("failed" in result)
        throw new Error(`${setup.name}: ${member.email} not signed in: ${result.failed}`);
      cookies.push(result.cookie);
    }
    const home = await fetch(`${setup.origin}/`, { headers: { cookie: cookies[0] } });
    if (!(await home.text()).includes(SIGNED_IN_MARK))
      throw new Error(`${setup.name}: the home page does not show a signed-in member`);
    return cookies;
  } finally {
    await signIns.close();
  }
}

/** How many of the cookies still hold a valid session on the setup. */
export async function stillSignedIn(setup: Setup, cookies: string[]): Promise<number> {
  const valid = await Promise.all(cookies.map((cookie) => isSignedIn(setup.origin, cookie)));
  return valid.filter(Boolean).length;
}
