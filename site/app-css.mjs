// An app's `css=` as constructed stylesheets: one adopted by the app's shadow root, and, when
// needed, one adopted by the document. The browser parses the CSS (replaceSync); this module
// walks the parsed rules and rewrites what Gradio 3 CSS assumes about its page
// (site/css-rewrite.mjs says how). Constructed sheets, not <style> elements, so a strict
// Content-Security-Policy without 'unsafe-inline' still allows them.
//
// What goes to the document (everything else stays in the shadow root):
// * @font-face and @property: browsers ignore them in shadow roots, so the app's fonts and
//   registered properties only work when the document has them. They define, they don't style.
// * on a standalone page (the app owns the page): the rules whose subject is the page itself
//   (`body {background-color: red}` colours the whole page, as in Gradio 3), and @keyframes they
//   may animate with.

import { appAssetUrl, pageSelector, rewriteUrls, scopeSelector } from "./css-rewrite.mjs";

const APP_ROOT = ".pyi-app"; // AppView's root element (site/app.mjs): where `body` rules land
const DOCUMENT_ONLY = new Set(["CSSFontFaceRule", "CSSPropertyRule"]);
const adopted = new WeakMap(); // shadow root -> the sheets its current app adopted

/**
 * The sheets for an app's css: `{ app, page }`, `page` null when the document needs nothing.
 * @param {string} css the app's CSS text (config.css)
 * @param {{ baseURL: string, resolveUrl(path: string): string, standalone: boolean }} options
 *   baseURL: the app's folder; resolveUrl: a path relative to it (`file=` stripped) to a URL.
 */
export function appStyleSheets(css, { baseURL, resolveUrl, standalone }) {
  // baseURL should make relative urls resolve against the app's folder, but Chromium resolves
  // them against the document regardless, so every url() is made absolute here as well.
  const app = new CSSStyleSheet({ baseURL });
  app.replaceSync(css);
  forEachRule(app.cssRules, (rule) => {
    if (rule.style?.cssText.includes("url(")) rule.style.cssText = rewriteUrls(rule.style.cssText, (url) => appAssetUrl(url, resolveUrl));
  });
  const page = new CSSStyleSheet({ baseURL });
  page.replaceSync(sheetText(app));
  keepDocumentRules(page.cssRules, standalone);
  removeRules(app.cssRules, (rule) => DOCUMENT_ONLY.has(rule.constructor.name));
  forEachRule(app.cssRules, (rule) => {
    if (rule instanceof CSSStyleRule) rule.selectorText = scopeSelector(rule.selectorText, APP_ROOT);
  });
  return { app, page: page.cssRules.length ? page : null };
}

/**
 * Adopt `css` for the app rendered in `shadowRoot`, replacing what an earlier render of it
 * adopted (after pyinterface.css, so the app's rules win ties, as Gradio 3's custom CSS did).
 */
export function adoptAppCss(shadowRoot, css, options) {
  const previous = adopted.get(shadowRoot);
  const sheets = css ? appStyleSheets(css, options) : { app: null, page: null };
  shadowRoot.adoptedStyleSheets = replaced(shadowRoot.adoptedStyleSheets, previous?.app, sheets.app);
  document.adoptedStyleSheets = replaced(document.adoptedStyleSheets, previous?.page, sheets.page);
  adopted.set(shadowRoot, sheets);
}

function replaced(list, old, sheet) {
  const kept = list.filter((s) => s !== old);
  return sheet ? [...kept, sheet] : kept;
}

function sheetText(sheet) {
  return Array.from(sheet.cssRules, (rule) => rule.cssText).join("\n");
}

/** Call `visit` on every rule, depth first: inside @media, @supports, @layer, nested rules, keyframes. */
function forEachRule(rules, visit) {
  for (const rule of rules) {
    visit(rule);
    if (rule.cssRules) forEachRule(rule.cssRules, visit);
  }
}

/** Delete the rules (at any depth) for which `drop(rule)` is true; a block's rules are seen before it. */
function removeRules(rules, drop) {
  for (let i = rules.length - 1; i >= 0; i -= 1) {
    const rule = rules[i];
    if (isBlock(rule)) removeRules(rule.cssRules, drop);
    if (drop(rule)) (rule.parentRule ?? rule.parentStyleSheet).deleteRule(i);
  }
}

/** @media, @supports, @layer, @container…: a block of rules, not itself a rule that styles. */
function isBlock(rule) {
  // CSSStyleRule is a CSSGroupingRule too since CSS nesting; its nested rules go with it.
  return rule instanceof CSSGroupingRule && !(rule instanceof CSSStyleRule);
}

/** Reduce a copy of the app's rules to what the document needs (see the top of this file). */
function keepDocumentRules(rules, standalone) {
  removeRules(rules, (rule) => {
    if (DOCUMENT_ONLY.has(rule.constructor.name)) return false;
    if (rule instanceof CSSKeyframesRule) return !standalone;
    if (rule instanceof CSSStyleRule) {
      const selector = standalone ? pageSelector(rule.selectorText) : null;
      if (selector) rule.selectorText = selector;
      return !selector;
    }
    return !isBlock(rule); // blocks are kept and reduced; anything else (@counter-style…) stays with the app
  });
  removeRules(rules, (rule) => isBlock(rule) && rule.cssRules.length === 0);
}
