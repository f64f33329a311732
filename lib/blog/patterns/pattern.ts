// What the /patterns page and the trace panel say of one pattern.
export type Pattern = {
  id: string;
  name: string;
  tutorial: string;
  summary: string;
  files: string[];
  seeIt: { href: string; label: string };
  /** The cache namespaces this pattern writes, for the trace panel and /patterns. */
  namespaces?: string[];
};
