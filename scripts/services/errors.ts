/** A service could not be found or started: its message says why and what to do, for a person (no stack trace). */
export class ServiceError extends Error {
  override name = "ServiceError";
}
