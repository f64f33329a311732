// Named in next.config.js `cacheHandlers`: Next's 'use cache' handler on Redis (see load.mjs).
import { loadHandlers } from "./load.mjs";

const { useCacheHandler } = await loadHandlers();
export default useCacheHandler;
