// The Redis toolkit: everything the app's modules share about talking to Redis, once.
//   client.ts        the clients (one factory, Cluster-ready), timed out and counted
//   options.ts       connection options, and the two command timeouts explained
//   errors.ts        what a failure was: connection lost, timed out, script error, other
//   script.ts        Lua scripts called by SHA
//   lock.ts          withLock, and waiting for another process's lock holder
//   scan.ts          scanKeys, unlinkByPattern, escapeGlob
//   throttled-log.ts a warning at most once per interval per kind
// The fail-open policy (timeout, circuit breaker, probe) is the cache's Breaker
// (lib/redis/breaker.ts), which the limiter and the view counter reuse.
import "server-only";

export { duplicateClient, redis, reportOutages } from "./client";
