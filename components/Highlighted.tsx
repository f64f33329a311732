import type { Segment } from "@/lib/domains/search";

// Search headlines: text React escapes, with <mark> around the matches and nothing else.
export function Highlighted({ segments }: { segments: Segment[] }) {
  return segments.map((segment, i) => {
    // Segments are a fixed split of one string, never reordered: the position is their identity.
    const key = `${i}`;
    return segment.mark ? (
      <mark key={key}>{segment.text}</mark>
    ) : (
      <span key={key}>{segment.text}</span>
    );
  });
}
