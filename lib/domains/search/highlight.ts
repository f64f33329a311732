import { escapeHtml } from "@/lib/markdown";

// ts_headline marks matches with these two private-use characters (removed from the text before
// it is highlighted, so a post cannot forge them). The text between is plain text: it is escaped,
// and only our own markers become <mark>.
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type Segment = { text: string; mark: boolean };

export function segmentsOf(headline: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  for (const part of headline.split(/([\uE000\uE001])/)) {
    if (part === MARK_START || part === MARK_END) mark = part === MARK_START;
    else if (part) segments.push({ text: part, mark });
  }
  return segments;
}

export function segmentsToHtml(segments: Segment[]): string {
  return segments
    .map(({ text, mark }) => (mark ? `<mark>${escapeHtml(text)}</mark>` : escapeHtml(text)))
    .join("");
}
