"use client";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { MEMBER_PARTS_PATH, type MemberIdentity, type MemberParts } from "@/lib/blog/member-parts";

// Who is reading, for the parts of a page that are theirs alone. A page rendered for its reader
// says so at once (`user`). The member variant of a shared page (`shared`) was rendered for no
// one: the reader's parts arrive from one small request, and until then every such part shows a
// placeholder, never a name (lib/blog/member-parts.ts).
export type MemberState =
  | { status: "anonymous" }
  | { status: "pending" }
  | { status: "unavailable" }
  | { status: "member"; user: MemberIdentity; sidebarHtml?: string };

const MemberContext = createContext<MemberState>({ status: "anonymous" });

export const useMember = () => useContext(MemberContext);

export function MemberProvider({
  user,
  shared,
  children,
}: {
  user: MemberIdentity | null;
  shared: boolean;
  children: ReactNode;
}) {
  const [loaded, setLoaded] = useState<MemberState>({ status: "pending" });
  useEffect(() => {
    if (!shared) return;
    const controller = new AbortController();
    loadParts(controller.signal).then(setLoaded, () => {});
    return () => controller.abort();
  }, [shared]);
  const state: MemberState = user
    ? { status: "member", user }
    : shared
      ? loaded
      : { status: "anonymous" };
  return <MemberContext value={state}>{children}</MemberContext>;
}

async function loadParts(signal: AbortSignal): Promise<MemberState> {
  try {
    const response = await fetch(MEMBER_PARTS_PATH, { cache: "no-store", signal });
    // The cookie names no live session (it ended, or expired): a reader like any other.
    if (response.status === 401) return { status: "anonymous" };
    if (!response.ok) return { status: "unavailable" };
    const { user, sidebarHtml } = (await response.json()) as MemberParts;
    return { status: "member", user, sidebarHtml };
  } catch (error) {
    if (signal.aborted) throw error;
    return { status: "unavailable" };
  }
}
