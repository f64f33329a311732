// Structured one-line logs. Callers pass facts, never secrets or cached values.
type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", message: string, fields?: Fields) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
  (level === "info" ? console.log : console.error)(line);
}

export const logger = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
