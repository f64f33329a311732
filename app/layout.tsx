import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { signOut } from "@/app/actions";
import { LiveNotifications } from "@/components/LiveNotifications";
import { currentUser } from "@/lib/domains/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cached — a Redis caching blog", template: "%s · Cached" },
  description: "A blog that shows every Redis caching pattern, working.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <div className="container wide">
            <Link href="/" className="brand">
              Cached<span>.</span>
            </Link>
            <nav className="nav" aria-label="Main">
              <Link href="/">Feed</Link>
              <Link href="/leaderboard">Leaderboard</Link>
              <Link href="/search">Search</Link>
              <Link href="/patterns">Patterns</Link>
              {user ? (
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
              ) : (
                <>
                  <Link href="/signin">Sign in</Link>
                  <Link href="/signup" className="btn" style={{ color: "#fff" }}>
                    Sign up
                  </Link>
                </>
              )}
            </nav>
          </div>
        </header>
        <main>{children}</main>
        <LiveNotifications userId={user?.id ?? null} />
        <footer className="site-footer">
          <div className="container wide">
            A working reference of Redis caching for web apps. Postgres is the source of truth;
            Redis makes it fast.
          </div>
        </footer>
      </body>
    </html>
  );
}
