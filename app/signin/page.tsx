import type { Metadata } from "next";
import { isKeysOutcome, keysMessage } from "@/lib/domains/api-keys/after-sign-out";
import { currentUser } from "@/lib/domains/auth/session";
import { safeNextPath } from "@/lib/http/safe-next";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

type Search = { next?: string; ended?: string; keys?: string; registered?: string };

// After "sign out everywhere" (app/settings/actions.ts): what ended, and what became of API keys;
// after too many wrong current passwords in Settings: why the session ended.
function endedNotice({ ended, keys }: Search): { text: string; tone: "success" | "error" } | null {
  if (ended === "password-checks")
    return {
      text: "You were signed out after too many wrong current passwords. Sign in again to go on.",
      tone: "error",
    };
  if (ended !== "everywhere") return null;
  const text = `You are signed out everywhere.${isKeysOutcome(keys) ? keysMessage[keys] : ""}`;
  return { text, tone: "success" };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const next = safeNextPath(search.next);
  const notice = endedNotice(search);
  const user = await currentUser();
  return (
    <div className="container auth-card">
      <h1 className="page-title">Sign in</h1>
      {notice && (
        <div className={`alert ${notice.tone}`} role="status" data-testid="signed-out-notice">
          {notice.text}
        </div>
      )}
      <p className="lede" data-testid="signin-lede">
        {user
          ? `You are signed in as ${user.name}. Signing in again starts a new session.`
          : "Welcome back."}
      </p>
      {search.registered !== undefined && (
        // The same words whether the sign-up created an account or met an existing one.
        <p className="alert success" role="status" data-testid="signup-notice">
          Thank you. Sign in with the email and password you just entered. If that email already had
          an account, its existing password still applies and nothing was changed.
        </p>
      )}
      <SignInForm next={next} />
    </div>
  );
}
