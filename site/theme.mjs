// An Interface's theme= on the page, and the light/dark choice.
//
// The config's "theme" (pyinterface/_config.py ThemeConfig) holds the theme's --pyi-* custom
// properties already resolved, once for light and once for dark mode. They go into one
// constructed stylesheet adopted by the app's shadow root (no <style> element, so a strict
// Content-Security-Policy needs no hash for it), as three rules:
//
//   :host(:not([theme="dark"]))                                      light values
//   @media (prefers-color-scheme: dark) { :host(:not([theme="light"])) } dark values
//   :host([theme="dark"])                                            dark values
//
// Each selector outranks pyinterface.css's `:host` defaults (one more pseudo-class), wherever
// the sheet sits in adoptedStyleSheets. A host page's own `pyinterface-app { --pyi-…: … }`
// still wins (outer rules beat a shadow root's :host rules), and so do an app's css= custom
// properties, which land on the app's root box inside the element.
//
// Which scheme shows (README, "Styling"): the element's theme="light"|"dark" attribute first,
// then the page URL's ?__theme=light|dark (Gradio's parameter), then the visitor's system
// setting (prefers-color-scheme), which is followed live. Gradio 3.50.2 orders them the same
// way (<gradio-app theme_mode> before ?__theme before the system). The URL parameter is applied
// by setting the attribute when the element has none (applyUrlScheme), so pyinterface.css's
// light-dark() colours and the theme's rules follow one switch.
// pyinterface/themes/_page.py writes the same rules as text for the prerendered page.

const adopted = new WeakMap(); // shadow root -> its current theme sheet

/** The rules' selectors, light first: later rules win ties (see the top of this file). */
export const THEME_SELECTORS = {
  light: ':host(:not([theme="dark"]))',
  systemDark: ':host(:not([theme="light"]))',
  forcedDark: ':host([theme="dark"])',
};

/** A stylesheet setting `theme`'s properties ({name, light, dark}), or null for no theme. */
export function themeStyleSheet(theme) {
  if (!theme) return null;
  const sheet = new CSSStyleSheet();
  const rule = (text, values) => {
    const index = sheet.insertRule(text, sheet.cssRules.length);
    const target = sheet.cssRules[index];
    const style = target.style ?? target.cssRules[0].style; // the @media rule holds one style rule
    for (const [property, value] of Object.entries(values ?? {})) style.setProperty(property, value);
  };
  rule(`${THEME_SELECTORS.light} {}`, theme.light);
  rule(`@media (prefers-color-scheme: dark) { ${THEME_SELECTORS.systemDark} {} }`, theme.dark);
  rule(`${THEME_SELECTORS.forcedDark} {}`, theme.dark);
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
