// Cookies read from a raw Cookie header, for the code in front of Next (the page cache in
// server.ts) and route handlers that decide before any session is loaded.

/** The value of the cookie `name`, or undefined when the header does not carry it. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

export const hasCookie = (header: string | undefined, name: string): boolean =>
  readCookie(header, name) !== undefined;
