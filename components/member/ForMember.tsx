"use client";
import type { ReactNode } from "react";
import { useMember } from "@/components/member/MemberProvider";

/**
 * Shows `children` to a signed-in reader (only to those whose id is in `ids`, when given), and
 * `anonymous` to a reader who is not signed in; nothing while a shared page's reader is unknown.
 * What it hides is still checked on the server: a delete action refuses anyone but its owner.
 */
export function ForMember({
  ids,
  anonymous = null,
  children,
}: {
  ids?: number[];
  anonymous?: ReactNode;
  children: ReactNode;
}) {
  const member = useMember();
  if (member.status === "member") return !ids || ids.includes(member.user.id) ? children : null;
  return member.status === "anonymous" ? anonymous : null;
}
