import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { RenderPool, type RenderFailure } from "./render-pool";
import { escapeHtml } from "./safe-marked.mjs";

export { escapeHtml };

export type RenderedMarkdown = { html: string; failure?: RenderFailure };

// Two workers: one slow body never holds up every other render. The HTML limit is five times
// the largest body, more than any honest article needs (about 1.3 times its markdown).
const WORKERS = 2;
const MAX_QUEUE = 64;
const MAX_HTML_CHARS = 500_000;

/** What a reader sees of a body that could not be rendered: its text, escaped, line breaks kept. */
export function markdownAsText(markdown: string): string {
  return `<div class="as-text">${escapeHtml(markdown)}</div>`;
}

// One pool per process, shared by every bundle (pages and route handlers are bundled apart).
const globalForPool = globalThis as unknown as { markdownRenderPool?: RenderPool };

function pool(): RenderPool {
  globalForPool.markdownRenderPool ??= new RenderPool({
    timeoutMs: env().MARKDOWN_RENDER_TIMEOUT_MS,
    workers: WORKERS,
    maxQueue: MAX_QUEUE,
    // Waiting longer than a render may take means both workers are held by slow bodies.
    maxWaitMs: env().MARKDOWN_RENDER_TIMEOUT_MS,
    maxHtmlChars: MAX_HTML_CHARS,
  });
  return globalForPool.markdownRenderPool;
}

/**
 * Safe HTML of an article body, rendered in a worker thread within the time limit; a body that
 * cannot be rendered comes back as escaped text, with the reason (never an error).
 */
export async function renderMarkdown(markdown: string): Promise<RenderedMarkdown> {
  const reply = await pool().render(markdown);
  if ("html" in reply) return { html: reply.html };
  logger.warn("markdown shown as text", { reason: reply.failure, length: markdown.length });
  return { html: markdownAsText(markdown), failure: reply.failure };
}
