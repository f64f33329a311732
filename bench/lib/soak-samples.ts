// The soak's minute samples of the server process: RSS, read right after a full GC so that
// every sample stands at the same point of V8's cycle; the heap used after that GC, V8's heap in
// all and the Buffers outside it (./inspector.ts); open sockets and client connections (Linux).
import type { Inspector } from "./inspector";
import { printTable } from "./measure";
import { clientConnections, openSockets, rssMiB } from "./process-stats";

export type Sample = {
  second: number;
  rss: number;
  heap: number;
  heapTotal: number;
  external: number;
  sockets: number;
  clients: number;
  requests: number;
};

export class SoakSamples {
  readonly list: Sample[] = [];

  constructor(
    private readonly pid: number,
    private readonly port: number,
    private readonly v8: Inspector,
    private readonly requests: () => number,
  ) {}

  async take(second: number): Promise<void> {
    const memory = await this.v8.memoryAfterGc();
    this.list.push({
      second,
      rss: rssMiB(this.pid),
      heap: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      sockets: openSockets(this.pid),
      clients: clientConnections(this.port),
      requests: this.requests(),
    });
  }

  /** The samples from the end of the warm-up (second 0) and the last. */
  get span(): [Sample, Sample] {
    return [this.list.find((s) => s.second === 0) as Sample, this.list.at(-1) as Sample];
  }

  print(): void {
    console.log(
      "\nServer process over the soak, in MiB: RSS; after a full GC, the JavaScript heap used, V8's heap in all, and Buffers outside it; its open sockets, client connections",
    );
    printTable(
      [
        "second (0: after warm-up)",
        "RSS",
        "heap used",
        "V8 heap",
        "Buffers",
        "sockets",
        "clients",
        "requests so far",
      ],
      this.list.map((s) => [
        s.second,
        s.rss.toFixed(1),
        s.heap.toFixed(1),
        s.heapTotal.toFixed(1),
        s.external.toFixed(1),
        s.sockets,
        s.clients,
        s.requests,
      ]),
    );
  }
}
