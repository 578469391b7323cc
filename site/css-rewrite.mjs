// Token-aware rewrites of CSS fragments that the browser has already parsed and serialised
// (a rule's selectorText, a declaration block's cssText). No DOM needed, so Node tests them.
//
// * scopeSelector: Gradio 3 apps style the page with `body`, `html`, `:root`, `gradio-app`,
//   `.gradio-container` and `.contain`. In pyinterface the app lives in a shadow root, so those
//   selectors are mapped onto the app's root element there (`.pyi-app` below):
//     body                        -> .pyi-app
//     html, body                  -> .pyi-app
//     body > div                  -> .pyi-app > div
//     body.dark .x                -> .pyi-app.dark .x
//     .dark .gradio-container .x  -> :host-context(.dark) .pyi-app .x   (.dark is outside the app)
//     body::before                -> .pyi-app::before
// * pageSelector: on a standalone page the app owns the page, so rules whose subject is the
//   page itself (`body`, `html`, `:root`) also go to the document, unchanged.
// * rewriteUrls + appAssetUrl: Gradio 3 serves `url('file=clouds.jpg')` from its /file= route;
//   here the file sits in the app's folder, as do plain relative urls, so each becomes an
//   absolute URL into that folder.

const APP_ROOT_TYPES = new Set(["body", "html", "gradio-app"]);
const APP_ROOT_CLASSES = new Set([".gradio-container", ".contain"]);
const PAGE_ROOT_TYPES = new Set(["body", "html"]);
const LEGACY_PSEUDO_ELEMENTS = new Set([":before", ":after", ":first-line", ":first-letter"]);
const COMBINATORS = new Set([">", "+", "~"]);
// Characters that end an identifier (type, class, id, pseudo name) inside a selector.
const IDENT_END = new Set([" ", "\t", "\n", "\r", "\f", ">", "+", "~", ",", ".", "#", "[", ":", "(", ")"]);

/** Index just past the quoted string that starts at text[i]. */
function skipString(text, i) {
  const quote = text[i];
  for (i += 1; i < text.length; i += 1) {
    if (text[i] === "\\") i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return i;
}

/** Index just past the ( … ) or [ … ] block that starts at text[i], strings and nesting included. */
function skipBlock(text, i) {
  let depth = 0;
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (c === "\\") i += 1;
    else if (c === '"' || c === "'") i = skipString(text, i) - 1;
    else if (c === "(" || c === "[") depth += 1;
    else if ((c === ")" || c === "]") && --depth === 0) return i + 1;
  }
  return i;
}

function skipIdent(text, i) {
  while (i < text.length && !IDENT_END.has(text[i])) i += text[i] === "\\" ? 2 : 1;
  return i;
}

/** The selectors of a selector list, split at its top-level commas. */
export function splitSelectorList(list) {
  const parts = [];
  let start = 0;
  for (let i = 0; i < list.length; i += 1) {
    const c = list[i];
    if (c === "\\") i += 1;
    else if (c === '"' || c === "'") i = skipString(list, i) - 1;
    else if (c === "(" || c === "[") i = skipBlock(list, i) - 1;
    else if (c === ",") {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts.filter(Boolean);
}

/** One simple selector (`div`, `.x`, `#y`, `[a="b"]`, `:is(…)`, `::before`, `&`) starting at text[i]. */
function readSimple(text, i) {
  const c = text[i];
  if (c === "[") return skipBlock(text, i);
  if (c === ":") {
    const end = skipIdent(text, i + (text[i + 1] === ":" ? 2 : 1));
    return text[end] === "(" ? skipBlock(text, end) : end;
  }
  if (c === "." || c === "#") return skipIdent(text, i + 1);
  return skipIdent(text, i); // a type, `*` or `&`
}

/** A complex selector as compounds: [{ combinator: "" | " " | ">" | "+" | "~", simples: [...] }]. */
export function parseComplex(selector) {
  const compounds = [];
  let combinator = "";
  let inCompound = false;
  for (let i = 0; i < selector.length;) {
    const c = selector[i];
    if (/\s/.test(c)) {
      if (inCompound) combinator = " ";
      inCompound = false;
      i += 1;
    } else if (COMBINATORS.has(c)) {
      combinator = c;
      inCompound = false;
      i += 1;
    } else {
      if (!inCompound) {
        compounds.push({ combinator, simples: [] });
        combinator = "";
        inCompound = true;
      }
      const end = Math.max(readSimple(selector, i), i + 1);
      compounds.at(-1).simples.push(selector.slice(i, end));
      i = end;
    }
  }
  return compounds;
}

function formatComplex(compounds) {
  return compounds.map(({ combinator, simples }, index) => {
    const joint = combinator === " " ? " " : combinator ? ` ${combinator} ` : "";
    return (index === 0 ? joint.trimStart() : joint) + simples.join("");
  }).join("");
}

function isPseudoElement(simple) {
  return simple.startsWith("::") || LEGACY_PSEUDO_ELEMENTS.has(simple.toLowerCase());
}

function isAppRoot(simple) {
  const lower = simple.toLowerCase();
  return APP_ROOT_TYPES.has(lower) || lower === ":root" || APP_ROOT_CLASSES.has(simple);
}

function isPageRoot(simple) {
  const lower = simple.toLowerCase();
  return PAGE_ROOT_TYPES.has(lower) || lower === ":root";
}

function isTypeOrNesting(simple) {
  return !/^[.#[:]/.test(simple);
}

/** One complex selector with its page-root compounds folded into `root` (unchanged if it has none). */
function scopeComplex(selector, root) {
  const compounds = parseComplex(selector);
  const last = compounds.findLastIndex((compound) => compound.simples.some(isAppRoot));
  if (last < 0) return selector;
  // Everything up to the last root compound describes the page around the app: the root
  // compounds' other conditions (`.dark` in `body.dark`) become conditions on the root, and
  // a compound outside the roots (`.dark` in `.dark body`) an ancestor of the host. A type
  // (`div.gradio-container`) is dropped: the root's element type is pyinterface's.
  const conditions = [];
  const outside = [];
  for (const compound of compounds.slice(0, last + 1)) {
    if (compound.simples.some(isAppRoot)) {
      conditions.push(...compound.simples.filter((s) => !isAppRoot(s) && !isTypeOrNesting(s) && !isPseudoElement(s)));
    } else {
      outside.push(compound.simples.join(""));
    }
  }
  const pseudoElements = compounds[last].simples.filter(isPseudoElement);
  const scoped = [root, ...conditions, ...pseudoElements];
  // :host-context() takes one compound: the nearest ancestor is the best approximation.
  const head = outside.length ? [{ combinator: compounds[0].combinator, simples: [`:host-context(${outside.at(-1)})`] }] : [];
  return formatComplex([...head, { combinator: head.length ? " " : compounds[0].combinator, simples: scoped }, ...compounds.slice(last + 1)]);
}

/** `selectorText` for a rule inside the app's shadow root, whose root element `root` matches. */
export function scopeSelector(selectorText, root) {
  return [...new Set(splitSelectorList(selectorText).map((selector) => scopeComplex(selector, root)))].join(", ");
}

/**
 * The selectors of `selectorText` whose subject is the page itself (`body`, `html`, `:root`),
 * unchanged, or null when there are none: what a standalone app's rule also says to the document.
 */
export function pageSelector(selectorText) {
  const page = splitSelectorList(selectorText).filter((selector) => parseComplex(selector).at(-1)?.simples.some(isPageRoot));
  return page.length ? page.join(", ") : null;
}

function cssString(value) {
  return `"${value.replace(/["\\\n]/g, (c) => (c === "\n" ? "\\a " : `\\${c}`))}"`;
}

function unescapeCss(value) {
  return value.replace(/\\(.)/gs, "$1");
}

/** The url( … ) token at text[i] (i at "url("): its value and the index just past it, or null. */
function readUrl(text, i) {
  let j = i + 4;
  while (/\s/.test(text[j] ?? "")) j += 1;
  let value;
  if (text[j] === '"' || text[j] === "'") {
    const end = skipString(text, j);
    value = unescapeCss(text.slice(j + 1, end - 1));
    j = end;
    while (/\s/.test(text[j] ?? "")) j += 1;
  } else {
    const start = j;
    while (j < text.length && text[j] !== ")") j += text[j] === "\\" ? 2 : 1;
    value = unescapeCss(text.slice(start, j).trim());
  }
  return text[j] === ")" ? { value, end: j + 1 } : null;
}

/**
 * Where a url() of the app's css points: `file=x` and a relative `x` resolve against the app's
 * folder (`resolveUrl`), an absolute URL or a `#fragment` stays as it is (null).
 */
export function appAssetUrl(value, resolveUrl) {
  if (value.startsWith("file=")) return resolveUrl(value.slice("file=".length));
  if (value === "" || value.startsWith("#") || /^[a-z][a-z\d+.-]*:/i.test(value)) return null;
  return resolveUrl(value);
}

/**
 * `declarations` (serialised CSS) with each url( … ) token, in any quoting, replaced by
 * `url("<rewrite(value)>")`, or kept when `rewrite` returns null. Strings elsewhere
 * (`content: "url(x)"`) are not urls and are left alone.
 */
export function rewriteUrls(declarations, rewrite) {
  let out = "";
  let copied = 0;
  for (let i = 0; i < declarations.length; i += 1) {
    const c = declarations[i];
    if (c === "\\") i += 1;
    else if (c === '"' || c === "'") i = skipString(declarations, i) - 1;
    else if ((c === "u" || c === "U") && declarations.slice(i, i + 4).toLowerCase() === "url(" && !/[\w-]/.test(declarations[i - 1] ?? "")) {
      const url = readUrl(declarations, i);
      if (!url) continue;
      const replacement = rewrite(url.value);
      if (replacement !== null) {
        out += `${declarations.slice(copied, i)}url(${cssString(replacement)})`;
        copied = url.end;
      }
      i = url.end - 1;
    }
  }
  return out + declarations.slice(copied);
}
