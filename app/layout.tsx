import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { LiveNotifications } from "@/components/LiveNotifications";
import { MemberNav } from "@/components/member/MemberNav";
import { MemberProvider } from "@/components/member/MemberProvider";
import { identityOf } from "@/lib/blog/member-parts";
import { currentUser } from "@/lib/domains/auth/session";
import { MEMBER_VARIANT, PAGE_VARIANT_HEADER } from "@/lib/page-cache/variant";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cached — a Redis caching blog", template: "%s · Cached" },
  description: "A blog that shows every Redis caching pattern, working.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// The reader's links and notifications follow who is reading (components/member/): known here
// when the page is rendered for them, or, on the member variant of a shared page (a render by
// the page cache, for no one), from the reader's parts once the page is in their browser.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [user, requestHeaders] = await Promise.all([currentUser(), headers()]);
  const shared = requestHeaders.get(PAGE_VARIANT_HEADER) === MEMBER_VARIANT;
  return (
    <html lang="en">
      <body>
        <MemberProvider user={user && identityOf(user)} shared={shared}>
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
                <MemberNav />
              </nav>
            </div>
          </header>
          <main>{children}</main>
          <LiveNotifications />
          <footer className="site-footer">
            <div className="container wide">
              A working reference of Redis caching for web apps. Postgres is the source of truth;
              Redis makes it fast.
            </div>
          </footer>
        </MemberProvider>
      </body>
    </html>
  );
}
