// Markdown -> sanitised DOM: marked (vendored from npm) renders, DOMPurify cleans. Used for
// the description, the article and Markdown components; raw HTML inside the markdown is
// allowed through the sanitiser, as Gradio 3 allows it.

import { Marked } from "./vendor/marked/marked.esm.js";
import { sanitizeHtml } from "./sanitize.mjs";

const _plain = new Marked({ gfm: true, breaks: false });
const _breaks = new Marked({ gfm: true, breaks: true });

/**
 * Render markdown `text` to HTML text (not yet sanitised: use renderMarkdown for the DOM).
 * @param {string} text
 * @param {{ lineBreaks?: boolean }} [options] lineBreaks: single newlines become <br>
 */
export function markdownToHtml(text, { lineBreaks = false } = {}) {
  return (lineBreaks ? _breaks : _plain).parse(String(text ?? ""), { async: false });
}

/**
 * Markdown -> a DocumentFragment sanitised by the one profile (sanitize.mjs).
 * @param {string} text
 * @param {{ lineBreaks?: boolean } & import("./sanitize.mjs").SanitizeOptions} [options] lineBreaks as
 *   markdownToHtml; resolveUrl and remoteImageHosts: the app's, for the images it may show
 */
export function renderMarkdown(text, { lineBreaks = false, ...sanitizeOptions } = {}) {
  return sanitizeHtml(markdownToHtml(text, { lineBreaks }), sanitizeOptions);
}
