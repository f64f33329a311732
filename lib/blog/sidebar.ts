import "server-only";
import { identityOf, type MemberParts, memberPartsKey } from "@/lib/blog/member-parts";
import { html } from "@/lib/blog/safe-html";
import { caches } from "@/lib/blog-cache/caches";
import { describeActivity, recentActivity } from "@/lib/domains/activity";
import { getFollowSuggestions } from "@/lib/domains/follows/queries";
import { getUserStatistics, type PublicUser } from "@/lib/domains/users/queries";
import { formatNumber } from "@/lib/platform/format";

async function renderSidebar(user: PublicUser): Promise<string> {
  const [stats, suggestions, activity] = await Promise.all([
    getUserStatistics(user.id),
    getFollowSuggestions(user.id),
    recentActivity(user.id, 3),
  ]);
  return html`<section class="card sidebar-card" data-testid="sidebar">
  <h2>${user.name}</h2>
  ${user.bio ? html`<p class="sidebar-bio" data-testid="sidebar-bio">${user.bio}</p>` : ""}
  <dl class="sidebar-stats">
    <div><dt>Articles</dt><dd>${formatNumber(stats.totalPosts)}</dd></div>
    <div><dt>Views</dt><dd>${formatNumber(stats.totalViews)}</dd></div>
    <div><dt>Avg. views</dt><dd>${formatNumber(stats.averageViews)}</dd></div>
  </dl>
  <h3>Your recent activity</h3>
  ${
    activity.entries.length === 0
      ? html`<p class="meta">Nothing yet.</p>`
      : html`<ul class="sidebar-list" data-testid="sidebar-activity">
    ${activity.entries.map((entry) => {
      const { verb, label, href } = describeActivity(entry);
      return html`<li>${verb} <a href="${href}">${label}</a></li>`;
    })}
  </ul>`
  }
  <h3>Who to follow</h3>
  <ul class="sidebar-list">
    ${suggestions.map(
      (s) =>
        html`<li><a href="/u/${encodeURIComponent(s.username)}">${s.name}</a> <span class="meta">${formatNumber(s.followers)} followers</span></li>`,
    )}
  </ul>
  <p class="meta">Rendered ${new Date().toISOString().slice(11, 19)} UTC, cached for 10 minutes.</p>
</section>`.value;
}

/**
 * Fragment caching: the signed-in reader's parts (who they are, and their sidebar rendered to
 * HTML) made once and stored for 600 s; a hit is served without querying or rendering again,
 * by Next's pages and by server.ts alike.
 */
export function getMemberParts(user: PublicUser): Promise<MemberParts> {
  return caches().fragment.getOrSet(memberPartsKey(user.id), async () => ({
    user: identityOf(user),
    sidebarHtml: await renderSidebar(user),
  }));
}

export async function getSidebarHtml(user: PublicUser): Promise<string> {
  return (await getMemberParts(user)).sidebarHtml;
}
