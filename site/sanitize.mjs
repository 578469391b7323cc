// The one way untrusted HTML reaches the page: DOMPurify (vendored from npm by
// build/vendor_frontend.py). Everything else is inserted as text.

import DOMPurify from "./vendor/dompurify/purify.es.mjs";

// Links in app text open outside the app, without handing it a window.opener.
// (isSupported is false only without a DOM, e.g. when Node imports this module in tests.)
if (DOMPurify.isSupported) {
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.hasAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
  });
}

/**
 * Sanitise `html` and return it as a DocumentFragment ready to append.
 * @param {string} html
 * @returns {DocumentFragment}
 */
export function sanitizeHtml(html) {
  return DOMPurify.sanitize(String(html ?? ""), { RETURN_DOM_FRAGMENT: true });
}

/** Replace the children of `element` with sanitised `html`. */
export function setSanitizedHtml(element, html) {
  element.replaceChildren(sanitizeHtml(html));
}
