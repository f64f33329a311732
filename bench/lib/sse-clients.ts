// A few anonymous readers holding /api/events open, as browsers do: each counts the post.created
// events it receives and, when its stream ends or is refused, opens it again a second later
// (EventSource's own reconnect). What they saw tells whether live updates survived a fault.

const RECONNECT_MS = 1_000;

export type StreamStats = {
  clients: number;
  /** Streams opened with 200 (the first of each client included). */
  opened: number;
  /** Opens answered with another status, or that failed to connect, by status or error code. */
  refused: Map<string, number>;
  /** post.created events received, per client. */
  postEvents: number[];
};

export class SseClients {
  private running = false;
  private readonly aborts: AbortController[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly stats: StreamStats;

  constructor(
    private readonly origin: string,
    clients: number,
  ) {
    this.stats = { clients, opened: 0, refused: new Map(), postEvents: Array(clients).fill(0) };
  }

  start(): void {
    this.running = true;
    for (let n = 0; n < this.stats.clients; n++) this.loops.push(this.follow(n));
  }

  /** What the clients have seen so far (live: it goes on changing until stop). */
  get seen(): Readonly<StreamStats> {
    return this.stats;
  }

  async stop(): Promise<StreamStats> {
    this.running = false;
    for (const abort of this.aborts) abort.abort();
    await Promise.all(this.loops);
    return this.stats;
  }

  private async follow(client: number): Promise<void> {
    while (this.running) {
      const abort = new AbortController();
      this.aborts[client] = abort;
      try {
        const response = await fetch(`${this.origin}/api/events`, { signal: abort.signal });
        if (response.status !== 200 || !response.body) {
          this.refuse(String(response.status));
          await response.body?.cancel();
        } else {
          this.stats.opened += 1;
          await this.read(client, response.body);
        }
      } catch (error) {
        if (!this.running) return;
        const cause = (error as Error).cause as { code?: string } | undefined;
        this.refuse(cause?.code ?? (error as Error).name);
      }
      if (this.running) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  private async read(client: number, body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = "";
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line === "event: post.created") this.stats.postEvents[client]++;
    }
  }

  private refuse(reason: string): void {
    this.stats.refused.set(reason, (this.stats.refused.get(reason) ?? 0) + 1);
  }
}
