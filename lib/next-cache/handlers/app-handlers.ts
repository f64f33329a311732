// The blog's two handlers, over its store. Loaded by the .mjs entries beside this file.
import { nextCacheStore } from "../app-store";
import { createIncrementalHandlerClass } from "../incremental-handler";
import { createUseCacheHandler } from "../use-cache-handler";

export const useCacheHandler = createUseCacheHandler(nextCacheStore());
export const IncrementalHandler = createIncrementalHandlerClass(nextCacheStore);
