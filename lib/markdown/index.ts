import "server-only";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/util/logger";
import { remember } from "@/lib/util/remember";
import { type RenderFailure, RenderPool } from "./render-pool";
import { escapeHtml } from "./safe-marked.mjs";

export { escapeHtml };

export type RenderedMarkdown = { html: string; failure?: RenderFailure };

// Two workers: one slow body never holds up every other render. The HTML limit is five times
// the largest body, more than any honest article needs (about 1.3 times its markdown).
export const RENDER_WORKERS = 2;
export const RENDER_QUEUE = 64;
const MAX_HTML_CHARS = 500_000;

// Rendered markdown never starts with a <div> (raw HTML is escaped), so this prefix tells a
// stand-in apart from a rendering by looking at the HTML alone, wherever it was cached.
const PROVISIONAL = '<div class="as-text" data-provisional="true">';

/**
 * What a reader sees of a body that could not be rendered: its text, escaped, line breaks kept.
 * When only the workers were busy ("busy"), it is marked provisional: see isProvisional.
 */
export function markdownAsText(markdown: string, failure?: RenderFailure): string {
  return `${failure === "busy" ? PROVISIONAL : '<div class="as-text">'}${escapeHtml(markdown)}</div>`;
}

/** True for a stand-in shown because no render worker was free: to be rendered again soon, not kept. */
export function isProvisional(html: string): boolean {
  return html.startsWith(PROVISIONAL);
}

// One pool per process, shared by every bundle (pages and route handlers are bundled apart).
function pool(): RenderPool {
  return remember(
    "markdownRenderPool",
    () =>
      new RenderPool({
        timeoutMs: env().MARKDOWN_RENDER_TIMEOUT_MS,
        workers: RENDER_WORKERS,
        maxQueue: RENDER_QUEUE,
        // Waiting longer than a render may take means both workers are held by slow bodies.
        maxWaitMs: env().MARKDOWN_RENDER_TIMEOUT_MS,
        maxHtmlChars: MAX_HTML_CHARS,
      }),
  );
}

/**
 * Safe HTML of an article body, rendered in a worker thread within the time limit; a body that
 * cannot be rendered comes back as escaped text, with the reason (never an error).
 */
export async function renderMarkdown(markdown: string): Promise<RenderedMarkdown> {
  const reply = await pool().render(markdown);
  if ("html" in reply) return { html: reply.html };
  logger.warn("markdown shown as text", { reason: reply.failure, length: markdown.length });
  return { html: markdownAsText(markdown, reply.failure), failure: reply.failure };
}
