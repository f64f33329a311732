// What a promise settles with, or `fallback` once `ms` have passed, whichever comes first; the
// timer is cleared either way, so a promise that settles in time leaves nothing armed. The promise
// itself goes on: the caller decides what a late settlement means (lib/platform/after-write.ts logs it).
export async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(resolve, ms, fallback);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
