// Days are UTC calendar days, written yyyy-mm-dd: the same day for every process and reader.
const DAY_MS = 86_400_000;

export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** The last `count` days, oldest first, ending with today. */
export function lastDays(count: number, today: Date = new Date()): string[] {
  return Array.from({ length: count }, (_, i) =>
    utcDay(new Date(today.getTime() - (count - 1 - i) * DAY_MS)),
  );
}
