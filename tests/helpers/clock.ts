/** A clock that moves only when told: `now` for a library's clock option, `advance` instead of a sleep. */
export function manualClock(start = Date.now()) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/**
 * Resolves once Date.now() has moved past its value at the call: what happens next is stamped
 * a later millisecond than anything stamped before. For code that compares epoch-ms timestamps
 * strictly (a tag revalidated after an entry was stored), where the same millisecond is a tie.
 */
export async function nextMillisecond(): Promise<void> {
  const stamped = Date.now();
  while (Date.now() <= stamped) await new Promise((resolve) => setImmediate(resolve));
}
