// Which master of the private cluster serves which of the blog's keys: the ones the decision record
// asks about (the hottest, views:dirty, which every counted view touches; the authors' board; the
// page cache's `all` tag, which every stored page carries and every page read checks on a Cluster,
// where its generation is not tracked), and the page-cache entries of the pages the probe may read.
import { Keys } from "../lib/cache/keys";
import { AUTHORS_KEY } from "../lib/domains/leaderboard/keys";
import { DIRTY_SET } from "../lib/domains/view-counts/keys";
import { PAGE_NAMESPACE, pageEntryKey } from "../lib/page-cache/store";
import { ALL_PAGES, generationPrefix, pageTagKey } from "../lib/page-cache/tag-index";
import { clusterNodes, type NodeLine, ownersOf } from "./lib/cluster-nodes";

const pageKeys = new Keys(PAGE_NAMESPACE);

/** The keys reported, by what they are; views:dirty first: its master is the one killed. */
export const NAMED_KEYS: [string, string][] = [
  ["view counter's dirty set", DIRTY_SET],
  ["authors' leaderboard", AUTHORS_KEY],
  ["page cache: `all` generation", `${generationPrefix(pageKeys)}${ALL_PAGES}`],
  ["page cache: `all` list of pages", pageTagKey(pageKeys, ALL_PAGES)],
];

export type Topology = {
  victim: NodeLine;
  replica: NodeLine;
  /** The master of each named key, before the kill. */
  owners: Map<string, NodeLine>;
  /** A page whose entry is on the victim, and one whose entry is on another master. */
  probePages: { onVictim: string; elsewhere: string };
};

/** The master to kill (views:dirty's), its replica, and the pages to probe among `candidates`. */
export async function readTopology(
  port: number,
  buildId: string,
  candidates: string[],
): Promise<Topology> {
  const owners = await ownersOf(
    port,
    NAMED_KEYS.map(([, key]) => key),
  );
  const victim = owners.get(DIRTY_SET);
  const replica = (await clusterNodes(port)).find((node) => node.masterId === victim?.id);
  if (!victim || !replica) throw new Error(`no master with a replica serves ${DIRTY_SET}`);
  const pageOwners = await ownersOf(
    port,
    candidates.map((path) => pageEntryKey(pageKeys, buildId, path)),
  );
  const onVictim = candidates.find(
    (path) => pageOwners.get(pageEntryKey(pageKeys, buildId, path))?.id === victim.id,
  );
  const elsewhere = candidates.find(
    (path) => pageOwners.get(pageEntryKey(pageKeys, buildId, path))?.id !== victim.id,
  );
  if (!onVictim || !elsewhere)
    throw new Error(`none of ${candidates.length} pages has its entry on each side of the kill`);
  return { victim, replica, owners, probePages: { onVictim, elsewhere } };
}
