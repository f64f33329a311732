// Waiting helpers for tests. A sleep is for giving work a duration (a loader that takes a while),
// never for waiting on something to happen: wait on a promise or poll the state instead.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and the function that resolves it: a gate a test opens when it chooses. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
