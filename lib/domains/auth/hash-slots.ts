import { AppError } from "@/lib/platform/errors";

// A bounded number of password hashes at once. At scrypt N=2^17 each holds 128 MiB for about
// half a second, so a burst of sign-ins (or sign-ups) would otherwise take memory without bound
// and fill libuv's four threads, which file and DNS work also need. Callers wait in line; past
// `maxWaiting` they are told to come back, so the line is bounded too.
export class HashSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new AppError(
          "service_unavailable",
          "The server is busy checking passwords. Try again in a few seconds.",
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so `running` never drops and rises again.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
