// Server-Sent Events wire format (WHATWG HTML, "Server-sent events"): fields end at a newline,
// a blank line ends an event, a line starting with ":" is a comment browsers ignore.

// Field values must not hold line breaks: one would end the field and let the rest of the text
// pose as fields of its own.
const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ");

export function sseEvent({ id, event, data }: { id: string; event: string; data: string }): string {
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  return `id: ${oneLine(id)}\nevent: ${oneLine(event)}\n${lines.join("\n")}\n\n`;
}

export const sseComment = (text: string) => `: ${oneLine(text)}\n\n`;

// How long the browser waits before reconnecting after the stream ends or breaks.
export const sseRetry = (ms: number) => `retry: ${Math.max(0, Math.round(ms))}\n\n`;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression (Next's gzip, proxies) from buffering the stream.
  "Cache-Control": "no-cache, no-transform",
  // nginx buffers proxied responses unless told otherwise.
  "X-Accel-Buffering": "no",
} as const;
