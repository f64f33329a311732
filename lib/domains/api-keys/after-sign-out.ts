// What a person is told about their API keys after ending sessions (a password change, "sign
// out everywhere"): keys are not sessions, so they keep working unless revoked as well.
export const keysMessage = {
  revoked: " Your API keys are revoked.",
  kept: " Your API keys still work: revoke them in Settings if someone else may have them.",
  none: "",
} as const;

export type KeysOutcome = keyof typeof keysMessage;

export function isKeysOutcome(value: unknown): value is KeysOutcome {
  return typeof value === "string" && Object.hasOwn(keysMessage, value);
}
