"use client";
import Link from "next/link";
import { signOut } from "@/app/actions";
import { useMember } from "@/components/member/MemberProvider";

// The header's links that depend on the reader. On a shared member page a placeholder of their
// width holds the place until the reader's parts arrive, so no other name is ever shown.
export function MemberNav() {
  const member = useMember();
  switch (member.status) {
    case "pending":
      return (
        <>
          <span className="nav-pending" aria-busy="true" data-testid="nav-pending" />
          {/* Without JavaScript the parts never come: a way to the pages rendered for them. */}
          <noscript>
            <style>{".nav-pending, .sidebar-pending { display: none; }"}</style>
            <Link href="/dashboard">Your account</Link>
          </noscript>
        </>
      );
    case "unavailable":
      return <Link href="/dashboard">Your account</Link>;
    case "anonymous":
      return (
        <>
          <Link href="/signin">Sign in</Link>
          <Link href="/signup" className="btn" style={{ color: "#fff" }}>
            Sign up
          </Link>
        </>
      );
  }
  const { user } = member;
  return (
    <>
      <Link href="/dashboard">Dashboard</Link>
      <Link href="/posts/new">Write</Link>
      <Link href={`/u/${user.username}`} data-testid="nav-profile">
        {user.name}
      </Link>
      <Link href="/settings">Settings</Link>
      {user.role === "ADMIN" && (
        <Link href="/admin/cache" data-testid="nav-admin">
          Admin
        </Link>
      )}
      <form action={signOut}>
        <button type="submit" className="btn link" data-testid="sign-out">
          Sign out
        </button>
      </form>
    </>
  );
}
