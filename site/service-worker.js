// pyinterface's offline service worker. `pyinterface export --offline` writes it to the export's
// root (so its scope is the whole export, at / or under a sub-path such as GitHub Pages' /REPO/)
// with OFFLINE filled in: every file the export wrote, with its sha256. A new export therefore
// changes this script's bytes, and the browser's update check on the next visit installs it.
//
// A classic script with no imports: every browser runs classic service workers, and the whole
// update is this one file.
//
//   install   copy every file of this export into a cache named after the export's version
//             (a file an older version cached with the same sha256 is copied, not downloaded),
//             each checked against its sha256; any mismatch (the site changed while it was being
//             cached) or failed download fails the install, and the next visit tries again.
//             Then activate at once (skipWaiting): no need to wait for open pages to close,
//             since they stay pinned to their own version (below).
//   fetch     cache-first. A navigation (a new page) is answered by this version, and the page is
//             pinned to it: everything the page and its worker fetch later comes from that
//             version's cache, which is kept until they are gone, even after a newer version took
//             over. So a page never mixes versions (a runtime from one export and an app from
//             another), even when it loads a package or an example file late. Anything else
//             (other URLs, non-GET) goes to the network untouched.
//   activate  drop the pins of closed pages and the caches no open page uses.
//
// So the visit during which a new export is found still shows the version it had cached (instantly,
// offline or not) while the new one downloads; the next visit, or a reload, shows the new one.

"use strict";

/** Written by the export: {version, files: [[path relative to this script, sha256, bytes], ...]}. */
const OFFLINE = /* pyinterface:offline-manifest */ null;

if (!OFFLINE) throw new Error("service-worker.js is a template: `pyinterface export --offline` writes the real one.");

const SCOPE = self.registration.scope;
/** Cache names carry the scope: exports under /a/ and /b/ of one origin share its Cache Storage. */
const PREFIX = `pyinterface-offline ${SCOPE} `;
const CACHE = PREFIX + OFFLINE.version;
const META = `pyinterface-offline-meta ${SCOPE}`;
const SHA_HEADER = "X-Pyinterface-Sha256";
const PARALLEL_DOWNLOADS = 6;
const PIN_GRACE_MS = 60_000;

/** Absolute URL -> sha256, for every file of this export. */
const FILES = new Map(OFFLINE.files.map(([path, sha256]) => [new URL(path, self.location.href).href, sha256]));

// -- install ------------------------------------------------------------------------------------

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

async function precache() {
  const cache = await caches.open(CACHE);
  const queue = [...FILES];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await cacheFile(cache, ...next);
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
}

async function cacheFile(cache, url, sha256) {
  if (await cache.match(url)) return; // verified by an earlier, interrupted install of this version
  const kept = await earlierCopy(url, sha256);
  if (kept) return cache.put(url, kept);
  // no-cache: revalidate with the server (a 304 is cheap) rather than trust an HTTP-cached older copy.
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`cannot cache ${url} for offline use: ${response.status} ${response.statusText}`);
  const body = await response.arrayBuffer();
  const actual = hex(await crypto.subtle.digest("SHA-256", body));
  if (actual !== sha256) {
    throw new Error(`${url} is not the file this export wrote (sha256 ${actual}, expected ${sha256}): ` +
      "the site changed while it was being cached; the next visit tries again.");
  }
  const headers = {
    "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
    "Content-Length": String(body.byteLength),
    [SHA_HEADER]: sha256,
  };
  await cache.put(url, new Response(body, { headers }));
}

/** The same file (same URL and sha256) from an older version's cache, or null. */
async function earlierCopy(url, sha256) {
  for (const name of await ownCaches()) {
    if (name === CACHE) continue;
    const response = await (await caches.open(name)).match(url);
    if (response?.headers.get(SHA_HEADER) === sha256) return response;
  }
  return null;
}

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

const ownCaches = async () => (await caches.keys()).filter((name) => name.startsWith(PREFIX));

// -- pins: each page and worker keeps the version that served its page ---------------------------

// A pin is written when a version answers a navigation (the new page's client id -> its cache),
// before the page exists, and when a pinned page starts a worker. Each pin is its own entry in
// the META cache, so versions handing over to each other never overwrite one another's pins.

/** Client id -> cache name, as read or written by this service worker (pins never change). */
const _pins = new Map();
const pinKey = (clientId) => new URL(`pyinterface-offline-pin/${encodeURIComponent(clientId)}`, SCOPE).href;

async function pin(clientId, cacheName) {
  _pins.set(clientId, cacheName);
  await (await caches.open(META)).put(pinKey(clientId), Response.json({ cache: cacheName, at: Date.now() }));
}

async function pinOf(clientId) {
  if (!_pins.has(clientId)) {
    const saved = await (await caches.open(META)).match(pinKey(clientId));
    if (!saved) return null;
    _pins.set(clientId, (await saved.json()).cache);
  }
  return _pins.get(clientId);
}

self.addEventListener("activate", (event) => event.waitUntil(forgetClosed()));

/**
 * Drop the pins of closed pages and workers, then every cache of this scope nobody uses. A pin
 * younger than PIN_GRACE_MS is kept: its page may not be open yet (the pin is written first).
 */
async function forgetClosed() {
  const meta = await caches.open(META);
  const open = new Set((await self.clients.matchAll({ type: "all", includeUncontrolled: true })).map((c) => c.id));
  const used = new Set([CACHE]);
  for (const request of await meta.keys()) {
    const clientId = decodeURIComponent(request.url.slice(request.url.lastIndexOf("/") + 1));
    const { cache, at } = await (await meta.match(request)).json();
    if (open.has(clientId) || Date.now() - at < PIN_GRACE_MS) used.add(cache);
    else {
      _pins.delete(clientId);
      await meta.delete(request);
    }
  }
  // A newer version being installed fills a cache this one does not know: leave caches to it.
  if (self.registration.installing || self.registration.waiting) return;
  await Promise.all((await ownCaches()).filter((name) => !used.has(name)).map((name) => caches.delete(name)));
}

// -- fetch ----------------------------------------------------------------------------------------

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = exportUrl(request);
  if (!url) return; // not a file of the export: the network, as without a service worker
  event.respondWith(respond(event, url));
  if (request.mode === "navigate") event.waitUntil(forgetClosed()); // a page opened: a good time to tidy
});

/** The export's URL `request` names (a folder's index.html for a page), or null. */
function exportUrl(request) {
  const url = new URL(request.url);
  url.hash = "";
  if (request.mode === "navigate") {
    url.search = ""; // the pages take no query
    if (url.pathname.endsWith("/")) url.pathname += "index.html";
  }
  return FILES.has(url.href) ? url.href : null;
}

async function respond(event, url) {
  const cacheName = await versionOf(event);
  const cached = await (await caches.open(cacheName)).match(url);
  // Not cached: storage was cleared, or a page of a version whose files were never all cached.
  return cached ?? fetch(event.request);
}

/**
 * The cache to answer from. A navigation: this version, pinned to the page it makes. Anything
 * else: its page's (or worker's) pinned version; a worker it starts is pinned to that too.
 */
async function versionOf(event) {
  if (event.request.mode === "navigate") {
    if (event.resultingClientId) await pin(event.resultingClientId, CACHE);
    return CACHE;
  }
  const cacheName = (await pinOf(event.clientId)) ?? CACHE;
  if (event.resultingClientId) await pin(event.resultingClientId, cacheName);
  return cacheName;
}
