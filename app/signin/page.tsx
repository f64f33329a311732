import type { Metadata } from "next";
import { safeNextPath } from "@/lib/safe-next";
import { currentUser } from "@/lib/session";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; registered?: string }> }) {
  const { next: nextParam, registered } = await searchParams;
  const next = safeNextPath(nextParam);
  const user = await currentUser();
  return (
    <div className="container auth-card">
      <h1 className="page-title">Sign in</h1>
      <p className="lede" data-testid="signin-lede">
        {user ? `You are signed in as ${user.name}. Signing in again starts a new session.` : "Welcome back."}
      </p>
      {registered !== undefined && (
        // The same words whether the sign-up created an account or met an existing one.
        <p className="alert success" role="status" data-testid="signup-notice">
          Thank you. Sign in with the email and password you just entered. If that email already had an account, its
          existing password still applies and nothing was changed.
        </p>
      )}
      <SignInForm next={next} />
    </div>
  );
}
