import type { Metadata } from "next";
import { safeNextPath } from "@/lib/safe-next";
import { currentUser } from "@/lib/session";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  const user = await currentUser();
  return (
    <div className="container auth-card">
      <h1 className="page-title">Sign in</h1>
      <p className="lede" data-testid="signin-lede">
        {user ? `You are signed in as ${user.name}. Signing in again starts a new session.` : "Welcome back."}
      </p>
      <SignInForm next={next} />
    </div>
  );
}
