import { Worker } from "node:worker_threads";

// Markdown is rendered in worker threads, never on the server's event loop: marked is
// superlinear on some inputs (seconds for 100 kB) and overflows its stack on deep nesting. Each
// render has a time limit, after which its worker is terminated (and replaced on demand); the
// queue in front of the workers is bounded in length and in waiting time, so however many
// hostile bodies arrive at once, every render is answered within the waiting limit plus the time
// limit.

/** Why a body could not be rendered: it ran too long, it threw, its HTML was too large, or no worker was free in time. */
export type RenderFailure = "timeout" | "failed" | "too large" | "busy";
export type RenderReply = { html: string } | { failure: RenderFailure };

export type RenderPoolOptions = {
  /** How long one render may run. */
  timeoutMs: number;
  /** How many worker threads render at once. */
  workers: number;
  /** How many bodies may wait for a worker; more are answered "busy" at once. */
  maxQueue: number;
  /** How long a body may wait for a worker before it is answered "busy". */
  maxWaitMs: number;
  /** Rendered HTML longer than this is a failure ("too large"). */
  maxHtmlChars: number;
};

type Job = {
  markdown: string;
  resolve: (reply: RenderReply) => void;
  id?: number;
  queueTimer?: NodeJS.Timeout;
};
type Slot = { worker: Worker; ready: boolean; job?: Job; limitTimer?: NodeJS.Timeout };
type WorkerMessage =
  | { ready: true }
  | { id: number; html: string }
  | { id: number; failure: string };

const workerFile = new URL("./render-worker.mjs", import.meta.url);

// A worker holds at most one body and its HTML; a render that grows past this fails ("failed").
const resourceLimits = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 1,
};
// How long a new worker may take to load marked before its first body counts as failed.
const STARTUP_MS = 10_000;

export class RenderPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly options: RenderPoolOptions) {}

  render(markdown: string): Promise<RenderReply> {
    if (this.queue.length >= this.options.maxQueue) return Promise.resolve({ failure: "busy" });
    return new Promise((resolve) => {
      const job: Job = { markdown, resolve };
      job.queueTimer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(job), 1);
        resolve({ failure: "busy" });
      }, this.options.maxWaitMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Stops every worker; renders still running or waiting are answered "busy". */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) this.finish(job, { failure: "busy" });
    await Promise.all([...this.slots].map((slot) => this.retire(slot, { failure: "busy" })));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.ready && !s.job) ?? this.spawn();
      const job = slot && this.queue.shift();
      if (!slot || !job) return;
      clearTimeout(job.queueTimer);
      slot.job = job;
      if (slot.ready) this.send(slot);
      else
        slot.limitTimer = setTimeout(
          () => void this.retire(slot, { failure: "failed" }),
          STARTUP_MS,
        );
    }
  }

  // A new worker while there are fewer than `workers`; it takes its job once it has loaded.
  private spawn(): Slot | undefined {
    if (this.slots.size >= this.options.workers) return undefined;
    const worker = new Worker(workerFile, {
      workerData: { maxHtmlChars: this.options.maxHtmlChars },
      resourceLimits,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.on("message", (message: WorkerMessage) => this.receive(slot, message));
    // Out of memory, or a worker that could not load: its body is shown as text.
    worker.on("error", () => void this.retire(slot, { failure: "failed" }));
    worker.on("exit", () => void this.retire(slot, { failure: "failed" }));
    return slot;
  }

  private send(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    job.id = this.nextId++;
    clearTimeout(slot.limitTimer);
    slot.limitTimer = setTimeout(
      () => void this.retire(slot, { failure: "timeout" }),
      this.options.timeoutMs,
    );
    slot.worker.postMessage({ id: job.id, markdown: job.markdown });
  }

  private receive(slot: Slot, message: WorkerMessage): void {
    if ("ready" in message) {
      slot.ready = true;
      if (slot.job) this.send(slot);
      else this.dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    clearTimeout(slot.limitTimer);
    slot.job = undefined;
    this.finish(
      job,
      "html" in message
        ? { html: message.html }
        : { failure: message.failure === "too large" ? "too large" : "failed" },
    );
    this.dispatch();
  }

  // The worker is stopped and forgotten; its job (if any) gets `reply`; a new one comes on demand.
  private async retire(slot: Slot, reply: RenderReply): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.limitTimer);
    if (slot.job) this.finish(slot.job, reply);
    slot.job = undefined;
    this.dispatch();
    await slot.worker.terminate();
  }

  private finish(job: Job, reply: RenderReply): void {
    clearTimeout(job.queueTimer);
    job.resolve(reply);
  }
}
