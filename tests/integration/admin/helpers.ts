import { randomBytes } from "node:crypto";

/** A key prefix of the admin tests' own on the test Redis. */
export const uniquePrefix = (label: string) =>
  `test:admin:${label}:${randomBytes(4).toString("hex")}`;
