// Markdown to safe HTML, synchronously. Plain JavaScript so that the render worker
// (render-worker.mjs) can load it as it is, under vitest and inside a `next build` alike; the
// app calls it through the worker pool (lib/markdown/index.ts), never on its own event loop.
//
// Authors write markdown; readers must never run it. Raw HTML is shown as text, and links and
// images keep only safe URL schemes, so no script or event handler survives rendering.
import { Marked } from "marked";

const linkSchemes = new Set(["http", "https", "mailto"]);
const imageSchemes = new Set(["http", "https"]);

/** @param {string} text */
export function escapeHtml(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Relative URLs pass; absolute ones only with an allowed scheme.
/** @param {string} href @param {Set<string>} schemes */
function cleanUrl(href, schemes) {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1];
  if (scheme && !schemes.has(scheme.toLowerCase())) return null;
  return compact;
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const text = this.parser.parseInline(tokens);
      const url = cleanUrl(href, linkSchemes);
      if (!url) return text;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      return `<a href="${escapeHtml(url)}"${titleAttr} rel="nofollow noopener noreferrer">${text}</a>`;
    },
    image({ href, title, text }) {
      const url = cleanUrl(href, imageSchemes);
      if (!url) return escapeHtml(text);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${titleAttr} loading="lazy">`;
    },
  },
});

/**
 * Safe HTML of the markdown. May take seconds on hostile input (marked is superlinear on some)
 * and may throw (deep nesting overflows the stack): run it where a time limit can stop it.
 * @param {string} markdown
 * @returns {string}
 */
export function renderMarkdownSync(markdown) {
  return /** @type {string} */ (marked.parse(markdown, { async: false }));
}
