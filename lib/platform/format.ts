const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join("");
}

export function formatNumber(value: number): string {
  return value.toLocaleString("en-US");
}

/** "1 view", "2 views", "1,204 views": every place that shows a count of views says it alike. */
export function formatViews(count: number): string {
  return `${formatNumber(count)} ${count === 1 ? "view" : "views"}`;
}

/** A duration in milliseconds: two decimals under 10 ms, whole milliseconds above. */
export function formatMs(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}
