import { AppError } from "@/lib/platform/errors";

// A bounded number of password hashes at once. At scrypt N=2^17 each holds 128 MiB for about
// half a second, so a burst of sign-ins (or sign-ups) would otherwise take memory without bound
// and fill libuv's four threads, which file and DNS work also need. Callers wait in line; past
// `maxWaiting` they are told to come back, so the line is bounded too.
//
// Fair between owners (an account, or an email being signed in to): each owner has a line of
// its own, at most `maxWaitingPerOwner` long, and a freed slot goes to the owner who has waited
// longest since their last turn. Someone who sends many checks at once for one account (a
// stolen session guessing its password) then delays everyone else by one hash at most, and
// cannot fill the shared line.
export class HashSlots {
  private running = 0;
  private waiting = 0;
  // Insertion order is turn order: an owner served goes to the back if they still wait.
  private readonly lines = new Map<string, (() => void)[]>();

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly maxWaitingPerOwner = 2,
  ) {}

  async run<T>(owner: string, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await this.wait(owner);
    else this.running += 1;
    try {
      return await work();
    } finally {
      this.passOn();
    }
  }

  private wait(owner: string): Promise<void> {
    const line = this.lines.get(owner) ?? [];
    if (this.waiting >= this.maxWaiting) throw busy();
    if (line.length >= this.maxWaitingPerOwner)
      throw new AppError(
        "rate_limited",
        "Other password checks of this account are still running. Try again in a few seconds.",
      );
    this.waiting += 1;
    return new Promise<void>((resolve) => {
      line.push(resolve);
      if (line.length === 1) this.lines.set(owner, line);
    });
  }

  // The slot passes straight to the next owner in turn, so `running` never drops and rises again.
  private passOn(): void {
    const turn = this.lines.entries().next();
    if (turn.done) {
      this.running -= 1;
      return;
    }
    const [owner, line] = turn.value;
    const next = line.shift() as () => void;
    this.lines.delete(owner);
    if (line.length > 0) this.lines.set(owner, line);
    this.waiting -= 1;
    next();
  }
}

const busy = () =>
  new AppError(
    "service_unavailable",
    "The server is busy checking passwords. Try again in a few seconds.",
  );
