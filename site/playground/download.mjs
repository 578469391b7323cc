// Downloads from the playground: the program as app.py, or a whole site as site.zip.
//
// The site is what `pyinterface export app.py` writes, built in the browser from the files the
// playground's own site already has (listed at export in site-files.json, see
// pyinterface/tooling/_playground_site.py), plus the program:
//
//   index.html  pyinterface.js  .nojekyll  pyinterface/…  pyodide/…     from the site (checked)
//   app/manifest.json  app/app.py  app/<files>                          from the program
//
// The manifest says "packages": null, so the page loads the packages the program's imports
// name, from the zip's runtime (the playground's, whole). The zip is made by fflate (vendored
// from npm, loaded on the first Download site) in small steps, large files deflating in workers,
// so the page stays responsive; files already compressed (wheels, zips) are stored as they are.

import { ENTRY_NAME, fileNameProblem, fromBase64 } from "./share.mjs";

/** The listing written at export, beside this module. */
const LISTING_URL = new URL("./site-files.json", import.meta.url);
/** The site's root: the listing's paths are relative to it. */
const SITE_ROOT = new URL("../", import.meta.url);
/** Compressed formats deflate would only slow down: stored in the zip as they are. */
const STORED = /\.(whl|zip|gz|tgz|bz2|xz|zst|npz|png|jpe?g|gif|webp|avif|mp3|mp4|ogg|webm|woff2?)$/i;

/** Files this big deflate in a worker (fflate's own threshold for its async zip). */
const WORKER_BYTES = 160_000;
/** Bytes pushed between yields to the page: a chunk's CRC (and a small file's deflate) stays far below a long task. */
const CHUNK_BYTES = 256 * 1024;

/**
 * @typedef {{path: string, size: number, sha256: string}} ListedFile
 * @typedef {{format: 1, pyodide: string, page: string, title_placeholder: string, files: ListedFile[]}} SiteListing
 * @typedef {import("./share.mjs").Program} Program
 */

/** Save `code` as app.py. */
export function downloadAppPy(code) {
  saveFile(new Blob([code], { type: "text/x-python" }), ENTRY_NAME);
}

/**
 * Save `site.zip`: a static site running `code` (with `files`) as `pyinterface export` would
 * write it, titled `title` (none: the app's own title, which the element gives an untitled
 * page once the app runs). `setStatus(text)` hears each step. Rejects with an Error naming the
 * problem (a file of the site missing or changed since the listing was written, a bad file name);
 * the page shows it after the button's name.
 */
export async function downloadSite({ code, files = {}, title }, { setStatus = () => {} } = {}) {
  setStatus("Download site: reading the site's file list…");
  const fflate = import("./vendor/fflate/browser.js"); // fetched while the site's files are
  fflate.catch(() => {}); // awaited below, after the fetches' own errors
  const listing = await fetchListing();
  const own = appEntries({ code, files, title }, listing); // before the big fetch: a bad name fails at once
  const site = await fetchSiteFiles(listing, (done, total) => setStatus(`Download site: fetched ${done} of ${total} files…`));
  setStatus("Download site: zipping…");
  const zip = await zipEntries({ ...site, ...own }, await fflate);
  saveFile(zip, "site.zip");
  setStatus(`Download site: saved site.zip (${(zip.size / 1e6).toFixed(1)} MB). Unzip it and serve the folder, e.g. python -m http.server -d site`);
  return zip.size;
}

/**
 * The program's part of the site, path -> bytes: index.html (the listing's page, titled),
 * .nojekyll, app/manifest.json, app/app.py and app/<files>.
 * @param {Program & {title?: string}} program
 * @param {SiteListing} listing
 */
export function appEntries({ code, files = {}, title }, listing) {
  const encode = (text) => new TextEncoder().encode(text);
  const names = Object.keys(files).sort();
  const entries = {
    "index.html": encode(listing.page.split(listing.title_placeholder).join(escapeHtml(title ?? ""))),
    ".nojekyll": new Uint8Array(0),
    [`app/${ENTRY_NAME}`]: encode(code),
  };
  for (const name of names) {
    const problem = fileNameProblem(name);
    if (problem) throw new Error(`the file name ${JSON.stringify(name)} ${problem}.`);
    const value = files[name];
    entries[`app/${name}`] = typeof value === "string" ? encode(value)
      : value instanceof Uint8Array ? value
      : fromBase64(value.base64, `files[${JSON.stringify(name)}].base64`);
  }
  const manifest = {
    entry: ENTRY_NAME, files: [ENTRY_NAME, ...names], packages: null, config: null, css: null,
    runtime: "../pyodide/", pyodide: listing.pyodide,
  };
  entries["app/manifest.json"] = encode(JSON.stringify(manifest, null, 1));
  return entries;
}

/**
 * path -> bytes as one zip Blob, streamed through fflate's Zip a chunk at a time with a yield to
 * the page between chunks, so no task holds the page long: large files deflate in workers
 * (fflate's AsyncZipDeflate), small ones here, compressed formats are stored as they are.
 */
export async function zipEntries(entries, fflate) {
  const parts = [];
  let finish, fail;
  const finished = new Promise((resolve, reject) => { finish = resolve; fail = reject; });
  const zip = new fflate.Zip((err, data, final) => {
    if (err) return fail(err);
    parts.push(data);
    if (final) finish();
  });
  for (const [path, bytes] of Object.entries(entries)) {
    const file = STORED.test(path) ? new fflate.ZipPassThrough(path)
      : bytes.length >= WORKER_BYTES ? new fflate.AsyncZipDeflate(path, { level: 6 })
      : new fflate.ZipDeflate(path, { level: 6 });
    zip.add(file);
    for (let at = 0; at === 0 || at < bytes.length; at += CHUNK_BYTES) {
      // A copy: AsyncZipDeflate transfers the chunk's whole buffer to its worker.
      file.push(bytes.slice(at, at + CHUNK_BYTES), at + CHUNK_BYTES >= bytes.length);
      await yieldToPage();
    }
  }
  zip.end();
  await finished;
  return new Blob(parts, { type: "application/zip" });
}

function yieldToPage() {
  return globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve));
}

async function fetchListing() {
  const response = await fetch(LISTING_URL).catch((err) => ({ ok: false, statusText: err.message }));
  if (!response.ok) {
    throw new Error(
      `the site's file list ${LISTING_URL.href} cannot be read (${response.status ?? ""} ${response.statusText}). ` +
        "Export the site again with `pyinterface export --playground`.",
    );
  }
  const listing = await response.json();
  if (listing.format !== 1 || !Array.isArray(listing.files)) throw new Error(`${LISTING_URL.href} is not a site listing this playground reads (format ${listing.format}); export the site again.`);
  return listing;
}

/**
 * Every listed file, fetched from the site and checked against its size and sha256: path -> bytes.
 * The first failure stops the other fetches (and their progress reports, which would bury it).
 */
async function fetchSiteFiles(listing, onProgress) {
  const stop = new AbortController();
  let done = 0;
  try {
    const fetched = await Promise.all(listing.files.map(async (file) => {
      const bytes = await fetchListedFile(file, stop.signal);
      if (!stop.signal.aborted) onProgress(++done, listing.files.length);
      return [file.path, bytes];
    }));
    return Object.fromEntries(fetched);
  } catch (err) {
    stop.abort();
    throw err;
  }
}

async function fetchListedFile({ path, size, sha256 }, signal) {
  const { sha256Hex } = await import(new URL("pyinterface/snapshot.mjs", SITE_ROOT).href); // the site's bridge: listed, so present
  const url = new URL(path, SITE_ROOT);
  const response = await fetch(url, { signal }).catch((err) => ({ ok: false, statusText: err.message }));
  if (!response.ok) throw new Error(`cannot fetch ${url.href} (${response.status ?? ""} ${response.statusText}); the site is incomplete.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const digest = await sha256Hex(bytes);
  if (bytes.length !== size || digest !== sha256) {
    throw new Error(
      `${path} is not the file the site's listing names (${bytes.length} bytes, sha256 ${digest.slice(0, 12)}…; ` +
        `listed: ${size} bytes, ${sha256.slice(0, 12)}…). The site changed since it was exported: reload the page, or export it again.`,
    );
  }
  return bytes;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Save `blob` as `name` through a download link (what a user's click on a link would do). */
function saveFile(blob, name) {
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // the download has its own reference by then
}
