// mount(): an app built from script, for pages that make their apps on the fly (an editor, a
// notebook cell). It makes a <pyinterface-app> with the given code and files, as stlite's
// mount() does, and returns it: its ready, status, predict, interpret and exec are the element's.
// Whatever `container` held is removed; an app element among it unloads its app (element.mjs).

import { DEFAULT_RUNTIME, MOUNT_OPTIONS, folderUrl } from "./sources.mjs";

/**
 * Show the app `code` in `container` (replacing what it holds); returns the <pyinterface-app>.
 * `files` maps file names to a string, a Uint8Array or {url} (resolved against the page);
 * `runtime` is the runtime folder's URL (default: the pyodide/ folder next to this bridge).
 * @param {Element} container
 * @param {{code: string, files?: Record<string, string | Uint8Array | {url: string}>, runtime?: string}} options
 * @returns {HTMLElement}
 */
export function mount(container, { code, files = {}, runtime = null } = {}) {
  if (!container || typeof container.replaceChildren !== "function") {
    throw new TypeError("mount(container, {code}): container must be an element of the page, e.g. document.querySelector(\"#app\").");
  }
  if (typeof code !== "string" || !code.trim()) throw new TypeError("mount(container, {code}): code must be the app's Python source, a non-empty string.");
  if (!customElements.get("pyinterface-app")) throw new Error("mount(): <pyinterface-app> is not defined yet: import mount from the export's pyinterface.js, which defines it.");
  const app = container.ownerDocument.createElement("pyinterface-app");
  app[MOUNT_OPTIONS] = { code, files, runtime: runtime ? folderUrl(new URL(runtime, document.baseURI).href) : DEFAULT_RUNTIME };
  container.replaceChildren(app);
  return app;
}
