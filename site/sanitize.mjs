// The one way untrusted HTML reaches the page: one DOMPurify profile (DOMPurify is vendored
// from npm by build/vendor_frontend.py). Everything else is inserted as text.
//
// "Untrusted" is what an app shows that it did not write itself: a fn's Markdown/HTML/Chatbot
// output (often a model's text, or the visitor's own input echoed back), and the description
// and article, which may quote either. Past what DOMPurify's defaults remove (script, event
// handlers, javascript: URLs), the profile keeps such HTML from doing three more things:
//
// * act on the visitor's behalf: no forms or form controls (a phishing form posting a token
//   off-site, or reloading the page and losing its state), nothing that navigates, embeds or
//   changes the page's base (meta refresh, base, iframe, object, popovers, dialogs);
// * cover or hide the app: no <style> (one `*{display:none}` hides the whole app), no style
//   declarations that take content out of its box (fixed/absolute/sticky, offsets, z-index,
//   transforms). The box itself contains what is left (pyinterface.css: .pyi-prose);
// * contact other hosts: every URL the browser would load by itself (img src/srcset, poster,
//   media, background, SVG href, CSS url()/image-set()) must be a data:/blob: URL, one of the
//   app's own files, or on a host the app allows (Interface(remote_image_hosts=[...])). Links
//   stay: following one is the visitor's choice, and it opens in a new tab without an opener.

import DOMPurify from "./vendor/dompurify/purify.es.mjs";

/**
 * The profile, listed so a test (and a reader) can see it whole. `dompurify` is the config
 * every sanitize call uses; the rest is what the hooks below enforce.
 */
export const PROFILE = deepFreeze({
  dompurify: {
    FORBID_TAGS: [
      // can submit, or hold a value to submit
      "form", "input", "button", "textarea", "select", "option", "optgroup", "datalist", "output",
      // change the page itself: its metadata, base URL, styles (a <style> restyles the whole app)
      "meta", "base", "link", "style",
      // navigate, embed another document or plugin, or open in the top layer
      "iframe", "frame", "frameset", "object", "embed", "portal", "fencedframe", "applet", "dialog",
      // SVG animation can rewrite an href after sanitising
      "animate", "animatecolor", "animatemotion", "animatetransform", "set", "discard",
    ],
    FORBID_ATTR: [
      "action", "formaction", "formmethod", "formtarget", "formenctype", "method", "enctype", "form",
      "srcdoc", "ping", "http-equiv", "manifest",
      // top-layer popovers and invoker commands escape any box
      "popover", "popovertarget", "popovertargetaction", "command", "commandfor",
      // steals focus (and scrolls the page to it) on insertion
      "autofocus",
      // links get their own target (see LINKS); no other element may name a browsing context
      "target",
    ],
    RETURN_DOM_FRAGMENT: true,
  },
  /** Style declarations: `position` keeps only these values; offsets only with position: relative. */
  positions: ["static", "relative"],
  offsetProperties: ["top", "right", "bottom", "left", "inset", "inset-block", "inset-block-start",
    "inset-block-end", "inset-inline", "inset-inline-start", "inset-inline-end"],
  /** Style properties dropped whatever their value: they paint outside the element's place. */
  droppedStyleProperties: ["z-index", "transform", "translate", "scale", "rotate", "offset-path",
    "offset-distance", "offset-anchor", "offset-position", "offset-rotate", "zoom"],
  /** Attributes whose URL the browser fetches by itself (SVG href/xlink:href: on all but links). */
  loadAttributes: ["src", "srcset", "poster", "background", "lowsrc", "dynsrc", "href", "xlink:href"],
  /** What those URLs may start with, besides the app's own files and its remote_image_hosts. */
  loadPrefixes: ["data:image/", "data:audio/", "data:video/", "blob:"],
  /** Ids the app's own UI uses start with this; user HTML may not take them (aria-labelledby, label for). */
  reservedIdPrefix: "pyi-",
  links: { target: "_blank", rel: "noopener noreferrer" },
});

const SVG_NS = "http://www.w3.org/2000/svg";
/** Elements whose href is a link the visitor follows, not a resource the browser fetches. */
const LINK_ELEMENTS = new Set(["a", "area"]);
/** Gradio 3's routes to the app's files: `file=x`, `/file=x`, `file/x` (markdown images). */
const FILE_ROUTE = /^\/?file[=/]/;
const URL_TOKEN = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)\s]*))\s*\)/gi;
const IMAGE_SET = /(?:-webkit-)?image-set\(/i;
const QUOTED = /["']/;
/** Properties that take an image or a resource: with var() their URL can't be checked. */
const RESOURCE_PROPERTY = /image|mask|cursor|content|filter|clip-path|shape-outside|list-style|marker|src/;

/**
 * @typedef {{ resolveUrl?: (value: string) => string, remoteImageHosts?: string[] }} SanitizeOptions
 *   resolveUrl: the app's (site/sources.mjs): a relative URL or `file=` path -> the app file's URL;
 *   remoteImageHosts: origins ("https://upload.wikimedia.org") the app allows loads from.
 */

/**
 * Where the browser may load `value` from, for the app `options` describes: the absolute URL
 * to use, or null when it must not load. Pure (no DOM), so Node tests it.
 * @param {string} value an attribute's or url()'s URL, as written
 * @param {SanitizeOptions & { pageUrl: string }} options pageUrl: the document's URL
 * @returns {string | null}
 */
export function allowedLoadUrl(value, { resolveUrl, remoteImageHosts = [], pageUrl }) {
  const text = String(value).trim();
  if (text === "") return null;
  if (text.startsWith("#")) return text; // a fragment of this document (an SVG gradient's href="#a")
  const allowedPrefix = (url) => PROFILE.loadPrefixes.some((prefix) => url.toLowerCase().startsWith(prefix));
  if (allowedPrefix(text)) return text;
  const relative = !/^[a-z][a-z\d+.-]*:/i.test(text) && !text.startsWith("//");
  try {
    // Relative: one of the app's files, wherever the page that shows it lives.
    const url = !relative ? new URL(text, pageUrl).href
      : resolveUrl ? resolveUrl(text.replace(FILE_ROUTE, "")) : new URL(text.replace(FILE_ROUTE, ""), pageUrl).href;
    if (relative && allowedPrefix(url)) return url; // an inline app file's blob: URL
    const target = new URL(url);
    const own = [resolveUrl ? resolveUrl("./") : pageUrl, pageUrl].map((base) => new URL(base));
    if (own.some((base) => base.protocol === "file:" ? target.protocol === "file:" : base.origin === target.origin)) return url;
    return ["http:", "https:"].includes(target.protocol) && remoteImageHosts.includes(target.origin) ? url : null;
  } catch {
    return null; // not a URL the browser could load anyway
  }
}

/**
 * `declarations` (one style attribute's parsed CSSOM) with what escapes the element's box or
 * loads from elsewhere removed, written into `out`. Both are CSSStyleDeclarations.
 */
function boxedStyle(declarations, out, options) {
  const position = declarations.getPropertyValue("position");
  const positioned = position !== "" && !PROFILE.positions.includes(position);
  const relative = position === "relative";
  for (let i = 0; i < declarations.length; i++) {
    const name = declarations[i];
    const value = declarations.getPropertyValue(name);
    // "" is a longhand of a shorthand written with var(): its value is known only at layout.
    if (value === "" || (name === "position" && positioned)) continue;
    if (PROFILE.droppedStyleProperties.includes(name)) continue;
    if (PROFILE.offsetProperties.includes(name) && !relative) continue;
    if (name.startsWith("anchor") || name.startsWith("position-")) continue;
    const checked = checkedCssUrls(name, value, options);
    if (checked !== null) out.setProperty(name, checked, declarations.getPropertyPriority(name));
  }
}

/** `value` with each url() resolved to where it may load, or null if one may not (or can't be checked). */
function checkedCssUrls(name, value, options) {
  if (/var\(/i.test(value) && (name.startsWith("--") || RESOURCE_PROPERTY.test(name))) return null;
  if (IMAGE_SET.test(value)) {
    // image-set("x.png" 1x) loads a plain string too; allow it only written as url()s.
    if (QUOTED.test(value.replace(URL_TOKEN, ""))) return null;
  }
  let blocked = false;
  const rewritten = value.replace(URL_TOKEN, (_, double, single, bare) => {
    const raw = (double ?? single ?? bare ?? "").replace(/\\(.)/g, "$1");
    const allowed = allowedLoadUrl(raw, { ...options, pageUrl: document.baseURI });
    if (allowed === null) blocked = true;
    return `url(${JSON.stringify(allowed ?? "")})`;
  });
  return blocked ? null : rewritten;
}

/** `srcset` with each candidate's URL resolved, or null if one may not load. */
function checkedSrcset(value, options) {
  const candidates = value.split(/,(?=\s*\S)/).map((candidate) => candidate.trim()).filter(Boolean);
  const out = [];
  for (const candidate of candidates) {
    const [url, ...descriptors] = candidate.split(/\s+/);
    const allowed = allowedLoadUrl(url, { ...options, pageUrl: document.baseURI });
    if (allowed === null) return null;
    out.push([allowed, ...descriptors].join(" "));
  }
  return out.join(", ");
}

// -- the DOMPurify instance ---------------------------------------------------------------

/** The options of the sanitize call running now (sanitize is synchronous; hooks read this). */
let _current = {};
/** The elements of this call that keep a (filtered) style, applied once they belong to the page. */
let _styles = new Map();
/** An inert document to parse style attributes in, through the CSSOM. */
let _scratch = null;

function _styleOf(value) {
  _scratch ??= document.implementation.createHTMLDocument("");
  const parsed = _scratch.createElement("span");
  const out = _scratch.createElement("span");
  parsed.style.cssText = value;
  boxedStyle(parsed.style, out.style, _current);
  return out.style.cssText;
}

function _checkAttribute(node, data) {
  const name = data.attrName;
  const value = data.attrValue;
  if ((name === "id" || name === "for" || name === "name") && value.trim().startsWith(PROFILE.reservedIdPrefix)) {
    data.keepAttr = false;
    return;
  }
  if (name === "style") {
    // Never kept as an attribute: a page whose Content-Security-Policy has no 'unsafe-inline'
    // styles would drop it. Set through the CSSOM, which a policy allows (sanitizeHtml).
    const style = _styleOf(value);
    if (style !== "") _styles.set(node, style);
    data.keepAttr = false;
    return;
  }
  if (name === "srcset") {
    const checked = checkedSrcset(value, _current);
    if (checked === null) data.keepAttr = false;
    else data.attrValue = checked;
    return;
  }
  const isLoad = PROFILE.loadAttributes.includes(name) &&
    !((name === "href" || name === "xlink:href") && LINK_ELEMENTS.has(node.localName));
  if (isLoad) {
    const allowed = allowedLoadUrl(value, { ..._current, pageUrl: document.baseURI });
    if (allowed === null) data.keepAttr = false;
    else data.attrValue = allowed;
    return;
  }
  // SVG presentation attributes (fill="url(…)", filter, mask, clip-path) load like CSS does.
  if (node.namespaceURI === SVG_NS && /url\(/i.test(value) && checkedCssUrls(name, value, _current) === null) data.keepAttr = false;
}

function _links(node) {
  if (LINK_ELEMENTS.has(node.localName) && (node.hasAttribute("href") || node.hasAttribute("xlink:href"))) {
    const href = node.getAttribute("href");
    // Gradio's `file=` links (a download of the app's file) point into the app's folder.
    if (href !== null && FILE_ROUTE.test(href) && _current.resolveUrl) node.setAttribute("href", _current.resolveUrl(href.replace(FILE_ROUTE, "")));
    node.setAttribute("target", PROFILE.links.target);
    node.setAttribute("rel", PROFILE.links.rel);
  }
}

// Its own instance, so the hooks and config here are the only ones: nothing else on the page
// can loosen them. (Without a DOM, e.g. when Node imports this module in tests, there is none.)
const purify = typeof window === "undefined" ? null : DOMPurify(window);
if (purify?.isSupported) {
  purify.addHook("uponSanitizeAttribute", _checkAttribute);
  purify.addHook("afterSanitizeAttributes", _links);
}

/**
 * Sanitise `html` with the profile and return it as a DocumentFragment ready to append.
 * @param {string} html
 * @param {SanitizeOptions} [options] the app's: where its files are, which hosts it allows
 * @returns {DocumentFragment}
 */
export function sanitizeHtml(html, options = {}) {
  if (!purify?.isSupported) throw new Error("sanitizeHtml needs a browser DOM: this environment has none.");
  _current = options;
  _styles = new Map();
  try {
    const fragment = document.adoptNode(purify.sanitize(String(html ?? ""), PROFILE.dompurify));
    for (const [element, style] of _styles) element.style.cssText = style;
    return fragment;
  } finally {
    _current = {};
    _styles = new Map();
  }
}

/**
 * The options for `sanitizeHtml` from a renderer's context (site/components/field.mjs): the
 * app's resolveUrl and its config's remote_image_hosts (app.mjs puts both on the context).
 * @returns {SanitizeOptions}
 */
export function sanitizeOptionsOf(ctx) {
  return { resolveUrl: ctx.resolveUrl, remoteImageHosts: ctx.remoteImageHosts ?? [] };
}

/** Replace the children of `element` with sanitised `html`. */
export function setSanitizedHtml(element, html, options = {}) {
  element.replaceChildren(sanitizeHtml(html, options));
}

function deepFreeze(value) {
  for (const child of Object.values(value)) if (child && typeof child === "object") deepFreeze(child);
  return Object.freeze(value);
}
