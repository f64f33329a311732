// Named in next.config.js `cacheHandler` (ISR, route and fetch cache). See use-cache.mjs.
import { tsImport } from "tsx/esm/api";

const { IncrementalHandler } = await tsImport("./app-handlers.ts", import.meta.url);
export default IncrementalHandler;
