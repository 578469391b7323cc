// The worker's memory snapshot: Python's heap after pyinterface (and the app's pure-Python
// packages) were imported, made in the visitor's browser on the first visit and kept in Cache
// Storage, so a later visit skips Python's start-up and those imports (used by worker.mjs).
//
// Why in the browser and not at export: the snapshot is the whole wasm heap, 21 MB (5.5 MB
// gzipped) for the text demo. Shipped with the export it would add ~2.2 s of download at
// 20 Mbit/s to every first visit, more than the ~1.3 s it saves; made on the first visit it
// costs nothing on the wire, and every later visit restores it from the local cache.
//
// Three catches shape the code:
//   - Pyodide refuses to snapshot after loadPackage ("Unexpected hiwire entry"), so the wheels
//     are not installed: each pure-Python wheel is written as a file and put on sys.path, and
//     Python imports from it (zipimport). Wheels with compiled code need loadPackage's dynamic
//     linking, which a heap snapshot cannot carry, so an app that needs one boots normally.
//   - Files are not part of the snapshot. Because the wheels stay zipped, writing them back
//     after a restore is one FS.writeFile per wheel, not an unpack of every file.
//   - A snapshot is valid only for the exact runtime and wheels it was made from: its key is
//     the sha256 of the Pyodide version and each wheel's sha256 from the lock, and Pyodide
//     itself checks the runtime's build id on restore. A restore that throws falls back to a
//     normal boot (worker.mjs) and the entry is dropped.
//
// Everything but the Cache Storage functions is pure, so site/test/ tests it under Node.

import { lockClosure, normalName } from "./worker-runtimes.mjs";

/** Cache Storage name; one snapshot per runtime folder is kept in it. */
export const SNAPSHOT_CACHE = "pyinterface-snapshots";
/** Where the wheels live in the in-memory file system (on sys.path, imported with zipimport). */
export const WHEEL_DIR = "/lib/pyinterface-wheels";

const _isPurePython = (fileName) => /-none-any\.whl$/.test(fileName);

/**
 * Pure wheels that read JS globals at import time. In a Pyodide 0.27.7 that was booted to make
 * a snapshot, reading a getter of the worker's global scope from Python (pyodide-http's
 * `from js import crossOriginIsolated`) throws "TypeError: Illegal invocation", so apps using
 * them (every gr.load app) boot normally.
 */
const _NOT_SNAPSHOT_SAFE = new Set(["pyodide-http"]);

/**
 * The lock entries of `names` and their dependencies when every one is a pure-Python wheel,
 * else null (the app boots normally). Throws naming a package the lock lacks.
 * @param {{packages: Map<string, object>}} lock parsed by worker-runtimes.mjs parseLock
 * @param {string[]} names
 */
export function snapshotWheels(lock, names) {
  const { entries, missing } = lockClosure(lock, names);
  if (!entries.every((entry) => _isPurePython(entry.file_name) && !_NOT_SNAPSHOT_SAFE.has(normalName(entry.name)))) return null;
  if (missing.length) throw new Error(`the runtime's pyodide-lock.json has no package ${missing.join(", ")}; export the app again.`);
  return entries;
}

/** The snapshot's cache key for Pyodide `version` and `wheels` (lock entries): a sha256 hex digest. */
export async function snapshotKey(version, wheels) {
  const identity = JSON.stringify({ version, wheels: wheels.map((w) => [normalName(w.name), w.sha256]).sort() });
  return sha256Hex(new TextEncoder().encode(identity));
}

/** The sha256 of `bytes` as lowercase hex (how pyodide-lock.json writes it). */
export async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The cache request of the snapshot for `runtimeUrl`; the key rides in a header, checked on read. */
const _request = (runtimeUrl) => new URL("pyinterface-memory-snapshot", runtimeUrl).href;

/**
 * The stored snapshot for `runtimeUrl` when its key is `key`, as `{bytes}` (a promise of them), else
 * null (none, stale, or no Cache Storage). Only the headers are read here: the 20 MB body is
 * read while Pyodide fetches and compiles its wasm (loadPyodide awaits `_loadSnapshot` late).
 * The promise rejects when the stored bytes are not the size that was stored.
 */
export async function findSnapshot(runtimeUrl, key) {
  if (!globalThis.caches) return null; // file:// pages and Node have no Cache Storage
  const cache = await caches.open(SNAPSHOT_CACHE);
  const response = await cache.match(_request(runtimeUrl));
  if (!response || response.headers.get("x-snapshot-key") !== key) return null;
  const size = Number(response.headers.get("x-snapshot-size"));
  const bytes = response.arrayBuffer().then((buffer) => {
    // Restoring a cut-short heap can hang the worker instead of throwing, so it never gets there.
    if (buffer.byteLength !== size) throw new Error(`the stored snapshot has ${buffer.byteLength} bytes, not ${size}: it was cut short`);
    return new Uint8Array(buffer);
  });
  bytes.catch(() => {}); // awaited by loadPyodide
  return { bytes };
}

/** Keep `bytes` as the snapshot for `runtimeUrl` (replacing any older one). */
export async function storeSnapshot(runtimeUrl, key, bytes) {
  if (!globalThis.caches) return;
  const cache = await caches.open(SNAPSHOT_CACHE);
  const headers = { "content-type": "application/octet-stream", "x-snapshot-key": key, "x-snapshot-size": String(bytes.length) };
  await cache.put(_request(runtimeUrl), new Response(bytes, { headers }));
}

/** Drop the snapshot for `runtimeUrl` (one that failed to restore). */
export async function dropSnapshot(runtimeUrl) {
  if (globalThis.caches) await (await caches.open(SNAPSHOT_CACHE)).delete(_request(runtimeUrl));
}

/**
 * Python that puts the wheels written under WHEEL_DIR on sys.path; with `imports`, also imports
 * those modules (what the snapshot should hold already imported).
 */
export function wheelPathCode(fileNames, imports = []) {
  const paths = fileNames.map((name) => `${WHEEL_DIR}/${name}`);
  return [
    "import sys",
    `for _p in ${JSON.stringify(paths)}:`,
    "    if _p not in sys.path: sys.path.append(_p)",
    ...imports.map((module) => `import ${module}`),
  ].join("\n");
}

/**
 * Python run after a restore. The heap comes with the state of the visit that made it: Python's
 * `random` (imported by the stdlib pyinterface uses) would draw the same numbers on every
 * visit, and tempfile the same names. Reseeded from os.urandom (crypto.getRandomValues).
 */
export const RESEED_CODE = [
  "import random, sys",
  "random.seed()",
  "if 'tempfile' in sys.modules: sys.modules['tempfile']._name_sequence = None",
].join("\n");

/** Write the wheels' bytes (`files`: [{fileName, bytes}]) under WHEEL_DIR and mark them loaded for Pyodide. */
export function writeWheels(pyodide, files) {
  pyodide.FS.mkdirTree(WHEEL_DIR);
  for (const { fileName, bytes } of files) pyodide.FS.writeFile(`${WHEEL_DIR}/${fileName}`, bytes);
  pyodide.runPython(wheelPathCode(files.map((f) => f.fileName)));
}

/** Tell Pyodide's loadPackage that these lock packages are installed, so it does not load them again. */
export function markLoaded(pyodide, wheels) {
  for (const wheel of wheels) pyodide.loadedPackages[wheel.name] = "pyinterface snapshot";
}
