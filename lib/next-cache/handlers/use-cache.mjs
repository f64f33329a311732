// Named in next.config.js `cacheHandlers`. Next imports this file by path with Node's own
// import(), outside its bundle, and Node 20 cannot load TypeScript: tsx compiles the handler
// (and the @/ paths of tsconfig.json) on first load. An app without tsx points the config at a
// JavaScript build of app-handlers.ts instead.
import { tsImport } from "tsx/esm/api";

const { useCacheHandler } = await tsImport("./app-handlers.ts", import.meta.url);
export default useCacheHandler;
