import { env, EnvError } from "@/lib/env";

// Refuse to start, with a plain message, when the configuration is wrong, rather than failing
// on the first request.
try {
  env();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`\nThe blog cannot start.\n${error.message}\nSet them in .env (see .env.example) or in the environment.\n`);
  process.exit(1);
}
