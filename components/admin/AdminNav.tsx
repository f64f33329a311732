import Link from "next/link";

const LINKS = [
  { href: "/admin/cache", label: "Overview" },
  { href: "/admin/cache/keys", label: "Keys" },
] as const;

export function AdminNav({ current }: { current: (typeof LINKS)[number]["href"] | null }) {
  return (
    <nav className="admin-nav" aria-label="Cache admin">
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.href === current ? "page" : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
