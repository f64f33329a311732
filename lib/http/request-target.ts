// Node hands the request target through as the client wrote it; Next and the page cache read it
// as a path and query ("/posts/x?page=2", the origin-form). The other forms are made into that, or
// refused before either sees them:
// - the absolute-form ("http://host/posts/x"), which an HTTP/1.1 server must accept although
//   only proxies are sent it: its path and query;
// - the asterisk-form ("*", OPTIONS for the whole server, which the blog has nothing to say
//   about) and anything else: null, to be answered 400.

export function originForm(target: string | undefined): string | null {
  if (target?.startsWith("/")) return target;
  if (!target || !/^https?:\/\//i.test(target) || !URL.canParse(target)) return null;
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}
