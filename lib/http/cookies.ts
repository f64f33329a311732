// Cookies read from a raw Cookie header, for the code in front of Next (the page cache in
// server.ts decides on every request) and route handlers that decide before any session is loaded.

/** The value of the cookie `name`, or undefined when the header does not carry it. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const prefix = `${name}=`;
  for (const part of header.split(";")) {
    const cookie = part.trimStart();
    if (cookie.startsWith(prefix)) return cookie.slice(prefix.length).trimEnd();
  }
  return undefined;
}

export const hasCookie = (header: string | undefined, name: string): boolean =>
  readCookie(header, name) !== undefined;
