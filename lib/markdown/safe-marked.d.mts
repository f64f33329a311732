// Types of safe-marked.mjs (plain JavaScript, so the render worker can load it without a build).
export function escapeHtml(text: string): string;
export function renderMarkdownSync(markdown: string): string;
