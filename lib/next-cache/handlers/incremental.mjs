// Named in next.config.js `cacheHandler`: ISR, route and fetch cache on Redis (see load.mjs).
import { loadHandlers } from "./load.mjs";

const { IncrementalHandler } = await loadHandlers();
export default IncrementalHandler;
