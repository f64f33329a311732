/**
 * The JSON object (or array) in `text`, or null for anything else: text that is not JSON, a
 * number, a string, null. For values read from Redis, where anything may have been written.
 */
export function parseObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}
