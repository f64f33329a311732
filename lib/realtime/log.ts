import { logger } from "@/lib/logger";

// While Redis is down every publish and subscribe fails: say so once per interval per kind,
// with a count of what was held back, instead of a line per request.
export class QuietLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(private readonly intervalMs = 30_000) {}

  warn(kind: string, message: string, fields: Record<string, unknown> = {}): void {
    const now = Date.now();
    const seen = this.last.get(kind);
    if (seen && now - seen.at < this.intervalMs) {
      seen.suppressed += 1;
      return;
    }
    this.last.set(kind, { at: now, suppressed: 0 });
    logger.warn(message, { ...fields, ...(seen?.suppressed && { suppressed: seen.suppressed }) });
  }
}

export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
