// One render worker (see render-pool.ts): renders each markdown body it is sent and answers
// with the HTML or why there is none. A render that throws (a stack overflow on deep nesting)
// is an answer like any other; one that runs too long is stopped from outside, by terminate().
import { parentPort, workerData } from "node:worker_threads";
import { renderMarkdownSync } from "./safe-marked.mjs";

const { maxHtmlChars } = workerData;

parentPort.on("message", ({ id, markdown }) => {
  try {
    const html = renderMarkdownSync(markdown);
    // Output can be far larger than input (a table's missing cells are filled in): past the
    // limit, the text is shown instead.
    if (html.length > maxHtmlChars) parentPort.postMessage({ id, failure: "too large" });
    else parentPort.postMessage({ id, html });
  } catch (error) {
    parentPort.postMessage({ id, failure: error instanceof Error ? error.name : "error" });
  }
});

parentPort.postMessage({ ready: true });
