import type { Segment } from "@/lib/search";

// Search headlines: text React escapes, with <mark> around the matches and nothing else.
export function Highlighted({ segments }: { segments: Segment[] }) {
  return segments.map((segment, i) => (segment.mark ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>));
}
