// Where an app comes from: the ways to give <pyinterface-app> its code and files, each turned
// into one shape that element.mjs sends to the worker.
//
//   src="site/"                   an export folder (ends in /): its app/manifest.json
//   src="site/app/manifest.json"  an export's manifest; a <script type="application/json">
//                                 child holding that manifest saves fetching it (export pages
//                                 carry one, so the app shows and starts loading at once)
//   src="app.py"                  one Python file (no manifest: packages from its imports)
//   inline text                   Python as the element's text content (may be wrapped in
//                                 <script type="text/python"> so `<` and `&` need no escaping)
//   mount(container, {code, ...}) Python from script (site/mount.mjs)
//
// Extra files: <pyinterface-file name="data.csv" src="data.csv"> children (src resolved
// against the page), or <pyinterface-file name="utils.py">inline text</pyinterface-file>.
// Every URL is made absolute here, so the worker never resolves one against its own URL.

import { dedent } from "./dedent.mjs";

/** The runtime folder of the bridge's own export (DIR/pyodide/ next to DIR/pyinterface/). */
export const DEFAULT_RUNTIME = new URL("../pyodide/", import.meta.url).href;

/** Where mount() leaves its options on the element; a Symbol.for key, so every bridge on the page finds them. */
export const MOUNT_OPTIONS = Symbol.for("pyinterface.mount-options");

/** The entry's file name for inline and mounted code. */
const INLINE_ENTRY = "app.py";

/**
 * @typedef {{name: string, url?: string, text?: string, bytes?: Uint8Array}} AppFile
 * @typedef {{
 *   sourceUrl: string, runtime: string, files: AppFile[],
 *   manifest: {entry: string, packages: string[] | null, config: object | null, pyodide: string | null, css?: string, hub?: object},
 *   resolveUrl(value: string): string,
 * }} AppSource
 *   sourceUrl: the manifest, the .py file or the page; runtime: the runtime folder's absolute URL;
 *   manifest.packages null: find them from the code's imports; resolveUrl: a file name or relative
 *   URL in the app's config (an example image) -> a URL the page can load.
 */

/** Each element's source, resolved once: early-start.mjs and the element ask for the same one. */
const _resolved = new WeakMap();

/** Read `element`'s source (attributes, children, mount options) into an AppSource (once per element). */
export function resolveSource(element) {
  if (!_resolved.has(element)) _resolved.set(element, _resolveSource(element));
  return _resolved.get(element);
}

async function _resolveSource(element) {
  const base = document.baseURI;
  const extraFiles = fileChildren(element, base);
  const runtimeAttribute = element.getAttribute("runtime");
  const runtimeOverride = runtimeAttribute ? folderUrl(new URL(runtimeAttribute, base).href) : null;
  const mounted = element[MOUNT_OPTIONS];
  if (mounted) {
    const files = [{ name: INLINE_ENTRY, text: dedent(mounted.code) }, ...mountedFiles(mounted.files, base)];
    return codeSource({ sourceUrl: base, entry: INLINE_ENTRY, files, runtime: runtimeOverride ?? mounted.runtime });
  }
  const src = element.getAttribute("src");
  if (src) {
    const url = new URL(src, base);
    const path = url.pathname;
    if (path.endsWith("/") || path.endsWith(".json")) {
      const manifestUrl = path.endsWith("/") ? new URL("app/manifest.json", url).href : url.href;
      return manifestSource(manifestUrl, await inlineManifest(element, manifestUrl), extraFiles, runtimeOverride);
    }
    if (path.endsWith(".py")) {
      const entry = decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
      const files = [{ name: entry, url: url.href }, ...extraFiles.filter((file) => file.name !== entry)];
      return codeSource({ sourceUrl: url.href, entry, files, runtime: runtimeOverride });
    }
    throw new Error(
      `<pyinterface-app src="${src}">: src must name an export folder (a URL ending in /), its app/manifest.json, ` +
        "or a .py file.",
    );
  }
  const code = await inlineCode(element);
  if (!code.trim()) {
    throw new Error(
      "<pyinterface-app> has no app: give it Python as its text content, or a src attribute naming an export " +
        'folder (src="site/"), its manifest (src="site/app/manifest.json") or a .py file.',
    );
  }
  const files = [{ name: INLINE_ENTRY, text: code }, ...extraFiles.filter((file) => file.name !== INLINE_ENTRY)];
  return codeSource({ sourceUrl: base, entry: INLINE_ENTRY, files, runtime: runtimeOverride });
}

/** A folder URL ends in "/", so files resolve inside it. */
export function folderUrl(url) {
  return url.endsWith("/") ? url : `${url}/`;
}

function codeSource({ sourceUrl, entry, files, runtime }) {
  return {
    sourceUrl,
    runtime: runtime ?? DEFAULT_RUNTIME,
    files,
    manifest: { entry, packages: null, config: null, pyodide: null },
    resolveUrl: fileUrlResolver(files, sourceUrl),
  };
}

/** `manifest`: the manifest's JSON when the page holds it (see inlineManifest), else null: fetched. */
async function manifestSource(manifestUrl, manifest, extraFiles, runtimeOverride) {
  manifest = checkManifest(manifest ?? await fetchManifest(manifestUrl), manifestUrl);
  const listed = manifest.files.map((name) => ({ name, url: new URL(name, manifestUrl).href }));
  const extraNames = new Set(extraFiles.map((file) => file.name));
  const files = [...listed.filter((file) => !extraNames.has(file.name)), ...extraFiles];
  // The export's own runtime folder (manifest.runtime, relative to the manifest), unless the page names one.
  const runtime = runtimeOverride ?? (manifest.runtime ? folderUrl(new URL(manifest.runtime, manifestUrl).href) : DEFAULT_RUNTIME);
  const resolveUrl = fileUrlResolver(extraFiles, manifestUrl);
  return { sourceUrl: manifestUrl, runtime, files, manifest, resolveUrl };
}

/**
 * A config value (an example's file name, a relative URL) -> a URL the page can load: one of
 * the app's given files by name (a Blob URL for inline ones), else resolved against `baseUrl`.
 */
function fileUrlResolver(files, baseUrl) {
  const byName = new Map(files.map((file) => [file.name, file]));
  const blobUrls = new Map();
  return (value) => {
    if (/^(data|blob):/.test(value)) return value;
    const file = byName.get(value);
    if (file?.url) return file.url;
    if (file) {
      if (!blobUrls.has(value)) blobUrls.set(value, URL.createObjectURL(new Blob([file.bytes ?? file.text])));
      return blobUrls.get(value);
    }
    const url = new URL(value, baseUrl).href;
    return globalThis[Symbol.for("pyinterface.single-file")]?.pageUrl(url) ?? url; // a single-file page's blob URL (single-file.js)
  };
}

/** The element's own text (children but <pyinterface-file>), dedented; read once the page has parsed it. */
async function inlineCode(element) {
  await parsed();
  const copy = element.cloneNode(true);
  for (const file of copy.querySelectorAll("pyinterface-file")) file.remove();
  return dedent(copy.textContent);
}

/**
 * The manifest the page holds as the element's `<script type="application/json">` child (a
 * data block, not a script: it runs nothing, so a strict CSP allows it), else null.
 */
async function inlineManifest(element, manifestUrl) {
  await parsed();
  const block = element.querySelector(':scope > script[type="application/json"]');
  if (!block) return null;
  try {
    return JSON.parse(block.textContent);
  } catch (err) {
    throw new Error(`the manifest of ${manifestUrl} held in the page (<script type="application/json">) is not JSON (${err.message}). Export the app again.`);
  }
}

/** Resolves once the page's HTML is parsed, so the element's children are all there. */
async function parsed() {
  if (document.readyState === "loading") await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

/** <pyinterface-file name="..." [src="..."]>inline text</pyinterface-file> children -> AppFiles. */
function fileChildren(element, base) {
  return [...element.querySelectorAll(":scope > pyinterface-file")].map((child) => {
    const name = child.getAttribute("name");
    if (!name) throw new Error('a <pyinterface-file> has no name attribute: write <pyinterface-file name="data.csv" src="data.csv">.');
    const src = child.getAttribute("src");
    return src ? { name, url: new URL(src, base).href } : { name, text: dedent(child.textContent) };
  });
}

/** mount()'s `files`: name -> string | Uint8Array | {url} -> AppFiles. */
function mountedFiles(files, base) {
  return Object.entries(files ?? {}).map(([name, value]) => {
    if (typeof value === "string") return { name, text: value };
    if (value instanceof Uint8Array) return { name, bytes: value };
    if (value && typeof value.url === "string") return { name, url: new URL(value.url, base).href };
    throw new TypeError(`mount(): files[${JSON.stringify(name)}] must be a string, a Uint8Array or {url: "..."}.`);
  });
}

async function fetchManifest(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    const hint = location.protocol === "file:" ? " Pages opened from file:// cannot fetch files: serve the folder (e.g. `python -m http.server`)." : "";
    throw new Error(`cannot fetch the app manifest ${url} (${err.message}).${hint} A manifest on another origin needs its server to send Access-Control-Allow-Origin.`);
  }
  if (!response.ok) {
    throw new Error(
      `cannot fetch the app manifest ${url}: ${response.status} ${response.statusText}. The src attribute of ` +
        "<pyinterface-app> must name a folder written by `pyinterface export` (ending in /) or its app/manifest.json.",
    );
  }
  try {
    return await response.json();
  } catch (err) {
    throw new Error(`the app manifest ${url} is not JSON (${err.message}).`);
  }
}

function checkManifest(manifest, url) {
  const problem = (field, expected) => new Error(
    `the app manifest ${url}: "${field}" must be ${expected}, got ${JSON.stringify(manifest?.[field])?.slice(0, 80)}. Export the app again.`,
  );
  const isStringList = (value) => Array.isArray(value) && value.every((item) => typeof item === "string");
  if (!manifest || typeof manifest !== "object") throw new Error(`the app manifest ${url} must be a JSON object.`);
  if (typeof manifest.entry !== "string" || !manifest.entry) throw problem("entry", "the app's file name, e.g. \"app.py\"");
  if (!isStringList(manifest.files)) throw problem("files", "a list of paths");
  if (!isStringList(manifest.packages ?? [])) throw problem("packages", "a list of package names");
  if (manifest.config !== undefined && manifest.config !== null && typeof manifest.config !== "object") throw problem("config", "an object or null");
  for (const field of ["runtime", "pyodide", "css"]) {
    if (manifest[field] !== undefined && manifest[field] !== null && typeof manifest[field] !== "string") throw problem(field, "a string");
  }
  // "packages": null (the playground's Download site writes it) means: found from the app's imports,
  // as for inline code; a manifest without the field (none is written so) loads no packages.
  const packages = manifest.packages === null ? null : manifest.packages ?? [];
  return { ...manifest, packages, config: manifest.config ?? null, pyodide: manifest.pyodide ?? null };
}
