// What Node's parser lets through but Next cannot take, answered before Next sees it. Node hands
// the method and the target through as the client wrote them; Next reads the target as a path
// and query ("/posts/x?page=2", the origin-form) and builds a fetch Request from the method.
// - The absolute-form ("http://host/posts/x"), which an HTTP/1.1 server must accept although
//   only proxies are sent it, is made into its path and query.
// - The asterisk-form ("*", OPTIONS for the whole server) and other targets that are no path:
//   400. So is a path with a broken percent-escape ("/posts/%"), which Next fails on with a
//   500 and no log line.
// - A method Next does not serve (TRACE, which fetch's Request refuses, and made-up ones): 405.

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const SERVED = new Set(METHODS);

export type Refusal = { status: 400 | 405; message: string; headers: Record<string, string> };

/** The target as a path and query, or why the request is refused. */
export function acceptRequestLine(
  method: string | undefined,
  target: string | undefined,
): { target: string } | Refusal {
  if (!method || !SERVED.has(method))
    return refusal(405, `the method ${method ?? "(none)"} is not served`, {
      allow: METHODS.join(", "),
    });
  const path = originForm(target);
  if (path === null) return refusal(400, "the request target must be a path, such as /posts/x");
  if (!decodes(path.split("?")[0]))
    return refusal(400, "the path has a % that is not followed by two hex digits of UTF-8");
  return { target: path };
}

export function originForm(target: string | undefined): string | null {
  if (target?.startsWith("/")) return target;
  if (!target || !/^https?:\/\//i.test(target) || !URL.canParse(target)) return null;
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function refusal(
  status: 400 | 405,
  message: string,
  headers: Record<string, string> = {},
): Refusal {
  return {
    status,
    message: `${status === 405 ? "Method Not Allowed" : "Bad Request"}: ${message}.`,
    headers,
  };
}
