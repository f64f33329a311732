import "server-only";

export * from "./redis-connection";
