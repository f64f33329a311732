import "server-only";
import { activeApiKeyId } from "@/lib/domains/auth/api-key";
import { currentUser } from "@/lib/domains/auth/session";
import { API_KEY_HEADER, SESSION_COOKIE } from "@/lib/http/credentials";
import { clientAddress } from "../http/client-address";

// Who an API request is counted against: a valid X-API-Key (`key:<id>`), else the signed-in user
// (`user:<id>`), else the client address (`ip:<address>`). An invalid key counts against the
// address, so guessing keys is limited like any anonymous traffic. A lookup that fails (the
// database or Redis is down) falls through to the next kind: limiting goes on, and the route
// that needs the database reports the outage itself.
export async function requestIdentity(headers: Headers, trustedProxies: number): Promise<string> {
  const key = headers.get(API_KEY_HEADER);
  if (key) {
    const keyId = await orNull(() => activeApiKeyId(key));
    if (keyId !== null) return `key:${keyId}`;
  }
  // Only requests that carry a session cookie cost a session lookup.
  if (headers.get("cookie")?.includes(`${SESSION_COOKIE}=`)) {
    const user = await orNull(currentUser);
    if (user) return `user:${user.id}`;
  }
  return `ip:${clientAddress(headers, trustedProxies)}`;
}

async function orNull<T>(find: () => Promise<T | null>): Promise<T | null> {
  return find().catch(() => null);
}
