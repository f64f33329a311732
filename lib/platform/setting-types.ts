// Kinds of setting that env.ts reads more than once, or that need more than one line of zod.
import { z } from "zod";
import { parseClusterNodes } from "@/lib/redis/client";

/** "true" (the default) or "false"; "1" and "0" too. */
export const onByDefault = () =>
  z
    .enum(["true", "false", "1", "0"], { error: 'must be "true" or "false"' })
    .default("true")
    .transform((value) => value === "true" || value === "1");

/** REDIS_CLUSTER_NODES: `host:port,…`, the seed nodes of a Redis Cluster. */
export const clusterNodes = z.string().transform((list, context) => {
  let problem = "names no node";
  try {
    const nodes = parseClusterNodes(list);
    if (nodes.length > 0) return nodes;
  } catch (error) {
    problem = (error as Error).message;
  }
  context.addIssue({
    code: "custom",
    message: `must be host:port,host:port (a Cluster's nodes): ${problem}`,
  });
  return z.NEVER;
});
