"use client";
import { useMember } from "@/components/member/MemberProvider";

// The home page's sidebar on the shared member page: the reader's own, from their parts; a
// placeholder card of its size until they arrive.
export function MemberSidebar() {
  const member = useMember();
  if (member.status === "pending")
    return <section className="card sidebar-card sidebar-pending" aria-busy="true" />;
  if (member.status !== "member" || !member.sidebarHtml) return null;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: HTML our own renderer escaped and cached (lib/blog/sidebar.ts)
  return <div dangerouslySetInnerHTML={{ __html: member.sidebarHtml }} />;
}
