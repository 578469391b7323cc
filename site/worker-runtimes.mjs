// The runtime folders apps come from, merged into the page's one Pyodide (used by worker.mjs).
//
// The first app's runtime folder boots Pyodide, so its pyodide-lock.json is the lock Pyodide
// resolves package names against. A later app may come from another export folder whose
// runtime holds packages that lock lacks (the first app needed no numpy, the second does):
// those wheels are loaded by URL from the later app's own folder, with the closure of their
// dependencies, so the page's package set is the union of every app's. Apps can share one
// Pyodide only when their runtimes are the same Pyodide version; anything else is refused
// with an error naming both versions.
//
// Everything but readLock is pure, so site/test/ tests it under Node.

/** PEP 503 normalisation: lock keys and package names are compared this way ("Pillow" = "pillow"). */
export const normalName = (name) => String(name).toLowerCase().replace(/[-_.]+/g, "-");

/** A runtime whose Pyodide version is not the page's, or whose lock cannot be read. */
export class RuntimeError extends Error {
  constructor(message) {
    super(message);
    this.name = "RuntimeError";
  }
}

const _locks = new Map();

/** The lock of the runtime folder at `runtimeUrl` (fetched once per page): {info, packages: Map<normal name, entry>}. */
export function readLock(runtimeUrl) {
  if (!_locks.has(runtimeUrl)) _locks.set(runtimeUrl, _fetchLock(runtimeUrl));
  return _locks.get(runtimeUrl);
}

async function _fetchLock(runtimeUrl) {
  const url = new URL("pyodide-lock.json", runtimeUrl).href;
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new RuntimeError(`cannot fetch the runtime's package list ${url} (${err.message}); its server must allow this page's origin (Access-Control-Allow-Origin).`);
  }
  if (!response.ok) {
    throw new RuntimeError(
      `cannot fetch the runtime's package list ${url}: ${response.status} ${response.statusText}. The runtime ` +
        "folder is the pyodide/ folder of a `pyinterface export`; point the runtime attribute at one.",
    );
  }
  return parseLock(await response.json(), url);
}

/** A pyodide-lock.json object -> {info, packages: Map<normal name, entry>}; throws naming `url` when it is not one. */
export function parseLock(json, url) {
  if (!json || typeof json !== "object" || !json.packages || typeof json.packages !== "object" || typeof json.info?.version !== "string") {
    throw new RuntimeError(`${url} is not a Pyodide lock file (no "info.version" or "packages").`);
  }
  const packages = new Map(Object.entries(json.packages).map(([key, entry]) => [normalName(entry.name ?? key), entry]));
  return { info: json.info, packages };
}

/**
 * Throw unless an app that wants Pyodide `wanted` (null: any) can run on the page's Pyodide
 * `running`, booted from `runningUrl`. `source` says where the wanted version comes from.
 */
export function checkVersion({ wanted, running, runningUrl, source }) {
  if (!wanted || wanted === running) return;
  throw new RuntimeError(
    `this app needs Pyodide ${wanted} (${source}), but this page already runs Pyodide ${running}, loaded from ` +
      `${runningUrl}. Every <pyinterface-app> on a page shares one Pyodide, so their versions must match: export ` +
      "the apps with the same pyinterface version (`pyinterface export a.py b.py --out site` also shares one " +
      "runtime folder), or put this app on a page of its own.",
  );
}

/** Import name -> lock package name over `locks`, the first lock winning (the booted one first). */
export function importNames(...locks) {
  const names = new Map();
  for (const lock of locks) {
    for (const entry of lock.packages.values()) {
      for (const module of entry.imports ?? []) if (!names.has(module)) names.set(module, entry.name);
    }
  }
  return names;
}

/**
 * The lock entries of `names` and of everything they depend on, each once, and the names
 * (asked for or depended on) the lock lacks.
 * @param {{packages: Map<string, object>}} lock parsed by parseLock
 * @param {string[]} names
 * @returns {{entries: object[], missing: string[]}}
 */
export function lockClosure(lock, names) {
  const entries = new Map();
  const missing = [];
  const visit = (name) => {
    const entry = lock.packages.get(normalName(name));
    if (!entry) {
      if (!missing.includes(name)) missing.push(name);
      return;
    }
    if (entries.has(entry.name)) return;
    entries.set(entry.name, entry);
    (entry.depends ?? []).forEach(visit);
  };
  names.forEach(visit);
  return { entries: [...entries.values()], missing };
}

/** The Subresource Integrity string of a lock entry's sha256 (hex), as Pyodide's loadPackage asks for. */
export function integrityOf(sha256Hex) {
  const bytes = sha256Hex.match(/[0-9a-f]{2}/gi).map((pair) => String.fromCharCode(parseInt(pair, 16)));
  return `sha256-${btoa(bytes.join(""))}`;
}

/**
 * What to hand pyodide.loadPackage so that `names` get loaded: a name the booted lock knows
 * (Pyodide resolves its dependencies there), else the wheel's URL in the app's own runtime
 * folder, followed by the same for each of its dependencies. Packages already `loaded`
 * (normalised names) are skipped. Throws naming every package that neither lock has.
 * @param {{names: string[], booted: object, own: object, ownUrl: string, loaded: Set<string>}} sets
 */
export function packageSources({ names, booted, own, ownUrl, loaded }) {
  const sources = [];
  const missing = [];
  const seen = new Set();
  const visit = (name) => {
    const key = normalName(name);
    if (seen.has(key) || loaded.has(key)) return; // loaded: so were its dependencies
    seen.add(key);
    if (booted.packages.has(key)) {
      sources.push(booted.packages.get(key).name);
      return;
    }
    const entry = own.packages.get(key);
    if (!entry) {
      missing.push(name);
      return;
    }
    sources.push(new URL(entry.file_name, ownUrl).href);
    for (const dependency of entry.depends ?? []) visit(dependency);
  };
  names.forEach(visit);
  if (missing.length) {
    throw new RuntimeError(
      `the runtime at ${ownUrl} has no package ${missing.join(", ")} in its pyodide-lock.json. Export the app with ` +
        "`pyinterface export` so its runtime folder holds every package it needs, and point the runtime attribute at it.",
    );
  }
  return sources;
}
