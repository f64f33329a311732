// Work that outlives the call that started it (a stale entry's refresh), kept so that close()
// can wait for it.
export class Background {
  private readonly running = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const done = () => void this.running.delete(work);
    this.running.add(work);
    work.then(done, done);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
