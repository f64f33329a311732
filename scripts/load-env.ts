import { existsSync } from "node:fs";

// Scripts run outside Next.js, which is what normally reads .env; variables already set win.
if (existsSync(".env")) process.loadEnvFile(".env");
