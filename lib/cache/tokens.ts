// The values invalidation records take (memo and group versions, tag generations): never one that
// a record has held before, in any process, so that a record lost to eviction or expiry and made
// again cannot bring back the entries written under its old value. A counter from 0 would reach
// its old values again once Redis forgot it. 64 random bits per process (module instance), then
// a counter: unique without asking Redis, and cheap enough to mint one per script call.
import { randomBytes } from "node:crypto";

const processPart = randomBytes(8).toString("base64url");
let counter = 0;

export function uniqueToken(): string {
  counter += 1;
  return `${processPart}${counter.toString(36)}`;
}
