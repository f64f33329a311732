// What a signed-in reader's page shows of them alone, apart from the page itself: who they are
// (the header's links, what the article offers its author) and their sidebar. Members get the
// shared page from the page cache and these parts from one small request, `GET /api/me/parts`,
// which server.ts answers from Redis (lib/blog/member-parts-answer.ts) and Next answers on a miss
// (app/api/me/parts/route.ts). Free of server code: the browser's provider reads the same shape.

export const MEMBER_PARTS_PATH = "/api/me/parts";

/** Who the reader is, as the page shows it: no e-mail, nothing secret. */
export type MemberIdentity = {
  id: number;
  username: string;
  name: string;
  role: "USER" | "ADMIN";
};

export type MemberParts = {
  user: MemberIdentity;
  /** The home page's sidebar, HTML our own renderer escaped (lib/blog/sidebar.ts). */
  sidebarHtml: string;
};

/** The fragment cache's key of a member's parts: forgotten with anything their sidebar shows. */
export const memberPartsKey = (userId: number) => `member:user:${userId}`;

export function identityOf(user: MemberIdentity): MemberIdentity {
  return { id: user.id, username: user.username, name: user.name, role: user.role };
}
