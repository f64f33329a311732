// Typed application errors, each mapped to one HTTP status. Route handlers and server actions
// throw these; lib/http/api.ts turns them into `{ error: { code, message, fields? } }`.
const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const unauthorized = () => new AppError("unauthorized", "You need to sign in to do that.");
export const forbidden = (message = "You are not allowed to do that.") =>
  new AppError("forbidden", message);
