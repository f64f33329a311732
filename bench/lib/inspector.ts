// The server's V8, seen through its inspector: the soak starts the server with
// NODE_OPTIONS=--inspect on a loopback port of its own and asks, over the DevTools protocol, for a
// full garbage collection, the heap used after it, and heap snapshots. RSS alone mixes what the
// app holds with what V8 and the allocator keep for later; the heap after a GC is what is alive.
import { createWriteStream } from "node:fs";
import { freePort } from "../../scripts/app-server";

type Reply = { id: number; result?: Record<string, unknown>; error?: { message: string } };
type Event = { method: string; params: Record<string, unknown> };

/** The NODE_OPTIONS a server needs for inspect(): its inspector on a free loopback port. */
export async function inspectorOptions(): Promise<{ port: number; nodeOptions: string }> {
  const port = await freePort();
  return { port, nodeOptions: `--inspect=127.0.0.1:${port}` };
}

export class Inspector {
  private next = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private onEvent: (event: Event) => void = () => {};

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener("message", (message) => {
      const data = JSON.parse(String(message.data)) as Reply | Event;
      if ("id" in data) this.pending.get(data.id)?.(data);
      else this.onEvent(data);
    });
  }

  /** Connects to the first target of the inspector listening on `port`. */
  static async connect(port: number): Promise<Inspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("error", reject, { once: true });
    });
    return new Inspector(socket);
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Reply["result"]> {
    const id = this.next++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => {
        this.pending.delete(id);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      });
    });
  }

  /**
   * After a full garbage collection, in MiB: the JavaScript heap still used, what V8 keeps for
   * its heap (used or not), and the memory of Buffers and other ArrayBuffers outside it.
   */
  async memoryAfterGc(): Promise<{ heapUsed: number; heapTotal: number; external: number }> {
    await this.send("HeapProfiler.collectGarbage");
    const answer = (await this.send("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    })) as { result: { value: string } };
    const usage = JSON.parse(answer.result.value) as NodeJS.MemoryUsage;
    const mib = (bytes: number) => bytes / 1024 / 1024;
    return {
      heapUsed: mib(usage.heapUsed),
      heapTotal: mib(usage.heapTotal),
      external: mib(usage.external),
    };
  }

  /** Writes a heap snapshot (taken after a full GC, as DevTools does) to `file`. */
  async heapSnapshot(file: string): Promise<void> {
    const out = createWriteStream(file);
    this.onEvent = (event) => {
      if (event.method === "HeapProfiler.addHeapSnapshotChunk")
        out.write(event.params.chunk as string);
    };
    try {
      await this.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    } finally {
      this.onEvent = () => {};
      await new Promise((resolve) => out.end(resolve));
    }
  }

  close(): void {
    this.socket.close();
  }
}
