import "server-only";
import { caches } from "@/lib/blog-cache/caches";
import {
  getPublishedTotals,
  getTopAuthors,
  type PublishedTotals,
  type TopAuthor,
} from "@/lib/domains/site/queries";

export type SiteFacts = { authors: TopAuthor[]; totals: PublishedTotals; builtAt: Date };

async function loadSiteFacts(): Promise<SiteFacts> {
  const [authors, totals] = await Promise.all([getTopAuthors(), getPublishedTotals()]);
  return { authors, totals, builtAt: new Date() };
}

/** The tutorial's static cache: its own Redis DB, entries kept an hour. */
export function getSiteFacts(): Promise<SiteFacts> {
  return caches().static.getOrSet("site-facts", loadSiteFacts);
}
