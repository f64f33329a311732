// The Redis toolkit: how the app talks to Redis, below everything else. It imports nothing of the
// app (only lib/util/): the layer above hands it settings and hooks (lib/platform/redis.ts builds
// the app's clients with it). The cache library, the page cache, the view counter, the limiter,
// realtime and the admin all take fail-open from here.
//   client.ts        the client factory (Cluster-ready): commands timed out and counted by a hook
//   options.ts       connection options, and the two command timeouts explained
//   deadlines.ts     one timer per client for every command's timeout
//   errors.ts        what a failure was: connection lost, timed out, script error, other
//   breaker.ts       fail-open: a command's budget, the circuit breaker and its probe
//   throttled-log.ts a warning at most once per interval per kind, with the count held back
//   script.ts        Lua scripts called by SHA
//   lock.ts          withLock, and waiting for another process's lock holder
//   scan.ts          scanKeys, unlinkByPattern, escapeGlob
export { Breaker, breakerStates } from "./breaker";
export { createClient, whenReady } from "./client";
export { waitForLockHolder, withLock } from "./lock";
export { escapeGlob, unlinkByPattern } from "./scan";
export { luaScript } from "./script";
export { ThrottledLog, type WarnLogger } from "./throttled-log";
