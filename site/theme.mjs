// An Interface's theme= on the page, and the light/dark choice.
//
// The config's "theme" (pyinterface/_config.py ThemeConfig) carries the theme's rules as CSS
// text, written by pyinterface/themes/_page.py (which says what they select and why they win):
// the theme's --pyi-* custom properties, resolved for light mode and for dark. They go into one
// constructed stylesheet adopted by the app's shadow root (no <style> element, so a strict
// Content-Security-Policy needs no hash for it). The prerendered page inlines the same text.
//
// Which scheme shows (README, "Styling"): the element's theme="light"|"dark" attribute first,
// then the page URL's ?__theme=light|dark (Gradio's parameter), then the visitor's system
// setting (prefers-color-scheme), which is followed live. Gradio 3.50.2 orders them the same
// way (<gradio-app theme_mode> before ?__theme before the system). The URL parameter is applied
// by setting the attribute when the element has none (applyUrlScheme), so pyinterface.css's
// light-dark() colours and the theme's rules follow one switch.

const adopted = new WeakMap(); // shadow root -> its current theme sheet

/** A stylesheet holding `theme`'s rules ({name, css}), or null for no theme. */
export function themeStyleSheet(theme) {
  if (!theme) return null;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(theme.css);
  return sheet;
}

/** Adopt `theme` for the app rendered in `shadowRoot`, replacing what an earlier render adopted. */
export function adoptTheme(shadowRoot, theme) {
  const previous = adopted.get(shadowRoot);
  const sheet = themeStyleSheet(theme);
  const kept = shadowRoot.adoptedStyleSheets.filter((s) => s !== previous);
  shadowRoot.adoptedStyleSheets = sheet ? [...kept, sheet] : kept;
  if (sheet) adopted.set(shadowRoot, sheet);
  else adopted.delete(shadowRoot);
}

/** "light", "dark" or null: the page URL's ?__theme= (Gradio's parameter for forcing a scheme). */
export function urlScheme(href = globalThis.location?.href) {
  if (!href) return null;
  const value = new URL(href).searchParams.get("__theme");
  return value === "light" || value === "dark" ? value : null;
}

/**
 * Give `element` the scheme ?__theme= asks for, unless its own theme attribute already chose
 * one (the attribute wins). A standalone app owns its page, so the page's canvas follows too.
 */
export function applyUrlScheme(element) {
  const scheme = urlScheme();
  if (!scheme || element.hasAttribute("theme")) return;
  element.setAttribute("theme", scheme);
  if (element.hasAttribute("standalone")) document.documentElement.style.colorScheme = scheme;
}
