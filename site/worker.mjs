// The page's one Web Worker (a module worker): Pyodide runs here, never on the main thread.
//
// Loading an app is four named stages, each reporting progress and, if it fails, its name:
//   Stage 0  startRuntime    the page's early-start.mjs names the first app's runtime before its
//                            load-app (the UI's modules are still loading): Stage 1 starts then
//   Stage 1  loadRuntime     import pyodide.mjs, loadPyodide({indexURL})    once per page; a later
//                            app checks that its runtime is the same Pyodide version. When the
//                            manifest's packages are all pure Python, their wheels are fetched
//                            beside the runtime and Python is restored from a memory snapshot
//                            kept in Cache Storage, or booted and snapshotted (snapshot.mjs)
//   Stage 2  loadPackages    pyinterface plus the manifest's packages, or, for an app given as code
//                            (no manifest), the packages its imports name; a package the booted
//                            runtime lacks comes from the app's own runtime folder (worker-runtimes.mjs)
//   Stage 3  writeAppFiles   the app's files -> /home/pyodide/apps/<app>/ (fetched from the start,
//                            while the runtime downloads)
//   Stage 4  runApp          Python (pyinterface._worker) runs the entry, has the packages its
//                            Interface's machinery needs loaded (_loadForPython), replies config
// Events are handed to Python as they come, each running as its own asyncio task; Python
// replies result or error (and sends progress while interpreting). A cancel message calls
// Python synchronously (Worker.cancel), which cancels that event's task, so it stops at its
// very next await. Messages are JSON text between JS and Python, so no proxy crosses the boundary.
// Console input (exec) first loads the runtime packages its imports name, as an app's do, then
// runs in Python like an event (pyinterface/_console.py). unload-app (the app's element left the
// page) has Python drop the app, its modules and its files folder; the runtime stays.
// What an app prints outside console input (its code at run-app, its fn in events) Python sends
// as app-output (pyinterface/_printing.py) and still writes to Pyodide's stdout/stderr, which
// reach console.log/console.warn here. Code that uses the Hub (gr.load) gets pyodide-http loaded
// by the import plan (pyinterface/_app_imports.py), as an export's manifest lists it.
//
// This module may be started from a Blob that imports it (a bridge on another origin than the
// page, see client.mjs): every URL here is absolute or resolved against import.meta.url.

import { checkProtocolVersion, makeError, makeFatal, makeHello, makeProgress, makeRunApp, validateMessage } from "./protocol.mjs";
import { describeFatal } from "./fatal.mjs";
import { createFetchMeter, fileName, formatBytes, since } from "./fetch-progress.mjs";
import { configureHub, setHubToken } from "./worker-hub.mjs";
import { checkWebAssemblyAllowed } from "./wasm-check.mjs";
import { checkVersion, importNames, integrityOf, lockClosure, normalName, packageSources, readLock } from "./worker-runtimes.mjs";
import {
  RESEED_CODE, dropSnapshot, findSnapshot, markLoaded, sha256Hex, snapshotKey, snapshotWheels, storeSnapshot, wheelPathCode, writeWheels,
} from "./snapshot.mjs";

const APPS_ROOT = "/home/pyodide/apps";
const PROGRESS_INTERVAL_MS = 100;

const post = (message) => self.postMessage(message);
const meter = createFetchMeter(globalThis.fetch.bind(globalThis), () => _reporter?.());
/** URL -> the response of a wheel fetched while Python boots, for loadPackage to take (once). */
const _prefetched = new Map();
globalThis.fetch = (input, init) => {
  const url = input instanceof URL ? input.href : typeof input === "string" ? input : input?.url;
  const early = _prefetched.get(url);
  if (!early) return meter.fetch(input, init);
  _prefetched.delete(url);
  return early;
};

/** Called when bytes arrive; set by the stage that is downloading. */
let _reporter = null;
/** {url, promise} of the booted runtime: one Pyodide per page, whatever the number of apps and folders. */
let _runtime = null;
/** The Python side (pyinterface._worker.Worker), created once pyinterface is loaded. */
let _python = null;
/** app -> {id, runtime}: its load-app request and runtime folder, for packages Python asks for. */
const _apps = new Map();

/** Post progress for `stage` now and then on every chunk (at most every 100 ms) until stopped. */
function _trackBytes(id, stage, describe) {
  const start = meter.mark();
  let last = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    const bytes = since(meter.count, start);
    post(makeProgress({ id, stage, message: describe(bytes), loaded: bytes.loaded, total: bytes.total || null }));
  };
  _reporter = report;
  report(true);
  return () => {
    report(true);
    if (_reporter === report) _reporter = null;
  };
}

function _bytesText(bytes) {
  return bytes.total ? ` (${formatBytes(bytes.loaded)} of ${formatBytes(bytes.total)})` : "";
}

// -- Stage 1 ----------------------------------------------------------------------------------

/**
 * The page's Pyodide, booted from the first app's runtime folder; a later app must match its
 * version. `packages` (the first app's manifest list, or null) lets the boot start fetching
 * their wheels at once and restore or make a memory snapshot (see snapshot.mjs).
 */
async function loadRuntime(runtimeUrl, wantedVersion, packages) {
  _runtime ??= { url: runtimeUrl, promise: _bootPyodide(runtimeUrl, packages) };
  const pyodide = await _runtime.promise;
  _watchFatal(pyodide);
  checkVersion({ wanted: wantedVersion, running: pyodide.version, runningUrl: _runtime.url, source: "its manifest says so" });
  if (runtimeUrl !== _runtime.url) {
    const own = await readLock(runtimeUrl);
    checkVersion({ wanted: own.info.version, running: pyodide.version, runningUrl: _runtime.url, source: `its runtime is ${runtimeUrl}` });
  }
  return pyodide;
}

/** Why Pyodide failed fatally (a phrase, once it has), after which this worker answers nothing. */
let _fatal = null;

/**
 * Pyodide calls `_api.on_fatal` when it can no longer run (os._exit, a C-stack overflow, an
 * abort, Wasm memory exhausted where Python cannot raise MemoryError); every later call throws.
 * Tell the page at once, so it fails the pending requests and offers Restart (client.mjs).
 */
function _watchFatal(pyodide) {
  if (pyodide._api && !pyodide._api.on_fatal) pyodide._api.on_fatal = (err) => _reportFatal(err);
}

/** True (and the page told, once) when `err` is Pyodide's fatal error; false for any other error. */
function _reportFatal(err) {
  if (!_fatal && !err?.pyodide_fatal_error) return false;
  if (!_fatal) {
    _fatal = describeFatal(err);
    post(makeFatal({ reason: _fatal }));
  }
  return true;
}

/** Store the snapshot the boot made, once the first app is ready (so storing never delays it). */
let _storeSnapshot = null;

async function _bootPyodide(runtimeUrl, packages) {
  checkWebAssemblyAllowed(); // a CSP without 'wasm-unsafe-eval' is told in plain words now, not after the download
  const done = _trackBytes(null, "load runtime", (b) => `Downloading the Python runtime${_bytesText(b)}`);
  const plan = packages ? _snapshotPlan(runtimeUrl, packages) : Promise.resolve(null);
  plan.catch(() => {}); // awaited below
  // No snapshot (compiled packages): the wheels still download while Python boots, not after.
  if (packages) plan.then((snapshot) => snapshot || _prefetchWheels(runtimeUrl, packages)).catch(() => {});
  try {
    let module;
    try {
      const url = new URL("pyodide.mjs", runtimeUrl).href;
      module = await import(globalThis[Symbol.for("pyinterface.single-file")]?.moduleUrl(url) ?? url); // single-file.js: a blob URL
    } catch (err) {
      throw new Error(
        `cannot load ${new URL("pyodide.mjs", runtimeUrl).href} (${err.message}). The runtime folder ` +
          "is written by `pyinterface export`; check that it exists next to the page, or set the " +
          "runtime attribute of <pyinterface-app> to its URL.",
      );
    }
    const options = { indexURL: runtimeUrl, stdout: (line) => console.log(line), stderr: (line) => console.warn(line) };
    performance.mark("pyinterface:worker:pyodide-imported");
    const snapshot = await plan.catch((err) => {
      console.warn(`pyinterface: booting without a memory snapshot (${err.message})`);
      return null;
    });
    performance.mark("pyinterface:worker:plan-ready");
    if (!snapshot) return _installMoreStdlib(await module.loadPyodide(options), runtimeUrl);
    if (snapshot.bytes) {
      const restored = await _restore(module, options, snapshot).catch((err) => {
        console.warn(`pyinterface: the memory snapshot did not restore (${err.message}); booting without it.`);
        dropSnapshot(runtimeUrl).catch(() => {});
        return null;
      });
      if (restored) return restored;
    }
    return await _bootFromWheels(module, options, runtimeUrl, snapshot);
  } finally {
    done();
  }
}

/**
 * Everything a snapshot boot needs, fetched side by side with the runtime: the lock, the
 * wheels' bytes (checked against the lock's sha256), the key and the stored snapshot, if any.
 * Null when the packages include compiled code (the app boots normally).
 */
async function _snapshotPlan(runtimeUrl, packages) {
  const lock = await readLock(runtimeUrl);
  const wheels = snapshotWheels(lock, ["pyinterface", ...packages]);
  if (!wheels) return null;
  const files = Promise.all(wheels.map((wheel) => _fetchWheel(runtimeUrl, wheel)));
  files.catch(() => {}); // awaited by the boot
  const key = await snapshotKey(lock.info.version, wheels);
  const stored = await findSnapshot(runtimeUrl, key);
  return { wheels, files, key, bytes: stored?.bytes ?? null }; // bytes: a promise; a short read fails the restore
}

/**
 * Start fetching the wheels loadPackage will ask for (pyinterface, `packages` and what they
 * depend on), with the integrity it asks with; its fetch then takes these responses. Without
 * this, numpy's 3.6 MB started downloading only once Python had booted.
 */
async function _prefetchWheels(runtimeUrl, packages) {
  const lock = await readLock(runtimeUrl);
  for (const entry of lockClosure(lock, ["pyinterface", ...packages]).entries) {
    const url = new URL(entry.file_name, runtimeUrl).href;
    const response = meter.fetch(url, { integrity: integrityOf(entry.sha256) });
    response.catch(() => _prefetched.delete(url)); // loadPackage fetches it again and reports the failure
    _prefetched.set(url, response);
  }
}

/** One wheel's bytes, checked against its lock entry (loadPackage, which checks them, is not used here). */
async function _fetchWheel(runtimeUrl, wheel) {
  const url = new URL(wheel.file_name, runtimeUrl).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot fetch ${url}: ${response.status} ${response.statusText}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await sha256Hex(bytes)) !== wheel.sha256) throw new Error(`${url} does not match the sha256 in pyodide-lock.json; export the app again.`);
  return { fileName: wheel.file_name, bytes };
}

/**
 * Let Python import the stdlib modules a page does not load at start from python_stdlib_more.zip,
 * downloaded on first use (pyinterface/tooling/runtime/_stdlib_split.py). A restored snapshot
 * has the finder already. A runtime exported without a 3.12 compiler has one whole stdlib zip.
 */
function _installMoreStdlib(pyodide, runtimeUrl) {
  const url = new URL("python_stdlib_more.zip", runtimeUrl).href;
  pyodide.runPython(
    `try:\n    import _pyinterface_stdlib_more\nexcept ImportError:\n    pass\nelse:\n    _pyinterface_stdlib_more.install(${JSON.stringify(url)})`,
  );
  return pyodide;
}

/** Restore the stored snapshot, write its wheels back (files are not in a snapshot) and check it. */
async function _restore(module, options, snapshot) {
  const pyodide = await module.loadPyodide({ ...options, _loadSnapshot: snapshot.bytes });
  writeWheels(pyodide, await snapshot.files);
  pyodide.runPython(RESEED_CODE);
  if (!pyodide.runPython("import sys; 'pyinterface._worker' in sys.modules")) {
    throw new Error("the restored Python has not imported pyinterface");
  }
  markLoaded(pyodide, snapshot.wheels);
  console.info("pyinterface: Python restored from a memory snapshot");
  return pyodide;
}

/**
 * A normal boot that puts the (pure) wheels on sys.path as zips and imports them, faster than
 * loadPackage's unpacking; where Cache Storage can keep it (not on a file:// page), it then
 * snapshots Python, before any JS proxy exists, for the next visit.
 */
async function _bootFromWheels(module, options, runtimeUrl, snapshot) {
  const keep = Boolean(globalThis.caches);
  const pyodide = _installMoreStdlib(await module.loadPyodide({ ...options, _makeSnapshot: keep }), runtimeUrl);
  const files = await snapshot.files;
  writeWheels(pyodide, files);
  const imports = snapshot.wheels.flatMap((wheel) => wheel.imports ?? []);
  pyodide.runPython(wheelPathCode([], [...new Set([...imports, "pyinterface._worker"])]));
  if (keep) {
    const bytes = pyodide.makeMemorySnapshot();
    performance.mark("pyinterface:snapshot-made", { detail: { bytes: bytes.length } });
    _storeSnapshot = () => storeSnapshot(runtimeUrl, snapshot.key, bytes);
  }
  markLoaded(pyodide, snapshot.wheels);
  return pyodide;
}

// -- Stage 2 ----------------------------------------------------------------------------------

/**
 * Load pyinterface and the app's packages: `packages` (lock names) when its manifest lists them,
 * else (null) the packages its Python files import; an import nothing provides is an error
 * naming it, before the app runs. Packages come from the booted runtime, else from `runtimeUrl`.
 */
async function loadPackages(pyodide, id, runtimeUrl, packages, appFiles) {
  if (packages) {
    await _loadForApp(pyodide, id, runtimeUrl, ["pyinterface", ...packages]); // one call: the wheels download side by side
  } else {
    await _loadForApp(pyodide, id, runtimeUrl, ["pyinterface"]); // reads the imports (pyinterface._app_imports)
    const names = _packagesFromImports(pyodide, await appFiles, await _providedImports(runtimeUrl));
    if (names.length) await _loadForApp(pyodide, id, runtimeUrl, names);
  }
  if (!_python) _python = _startPython(pyodide);
}

/** Load lock packages `names` for an app whose runtime folder is `runtimeUrl` (see worker-runtimes.mjs). */
async function _loadForApp(pyodide, id, runtimeUrl, names) {
  const [booted, own] = await Promise.all([readLock(_runtime.url), readLock(runtimeUrl)]);
  const sources = packageSources({ names, booted, own, ownUrl: runtimeUrl, loaded: _loadedNames(pyodide) });
  if (sources.length) await _loadFrom(pyodide, id, sources);
}

/**
 * Python's load_packages(app, namesJson): what the app's Interface machinery needs beyond its
 * imports (an Image's numpy), asked for while run-app runs, so the config is only sent after.
 */
async function _loadForPython(app, namesJson) {
  const { id, runtime } = _apps.get(app);
  await _loadForApp(await _runtime.promise, id, runtime, JSON.parse(namesJson));
}

function _loadedNames(pyodide) {
  return new Set(Object.keys(pyodide.loadedPackages).map(normalName));
}

async function _loadFrom(pyodide, id, sources) {
  const errors = [];
  let step = `Loading ${sources.map(fileName).join(", ")}`;
  const done = _trackBytes(id, "load packages", (b) => `${step}${_bytesText(b)}`);
  try {
    await pyodide.loadPackage(sources, {
      messageCallback: (text) => {
        step = text;
        _reporter?.(true);
      },
      errorCallback: (text) => errors.push(text),
    });
  } finally {
    done();
  }
  const loaded = _loadedNames(pyodide);
  const missing = sources.map(fileName).filter((name) => !loaded.has(normalName(name.replace(/-\d.*\.whl$/, ""))));
  if (errors.length || missing.length) {
    throw new Error(
      `could not load ${missing.join(", ") || "the packages"}: ${errors.join("; ") || "Pyodide did not install them"}. ` +
        "The runtime folder must come from `pyinterface export` (it lists pyinterface and every package the app needs).",
    );
  }
}

/** Import name -> lock package name, for the booted runtime and the app's own runtime folder. */
async function _providedImports(runtimeUrl) {
  const [booted, own] = await Promise.all([readLock(_runtime.url), readLock(runtimeUrl)]);
  return importNames(booted, own);
}

/**
 * {packages, missing}: the lock packages Python `files` (name -> source) import (pyodide-http too
 * when they use the Hub), and the modules nothing provides. `pyinterfaceNames`: names bound to
 * pyinterface where the code runs without importing it (the console's `gr`).
 */
function _importPlan(pyodide, files, provided, pyinterfaceNames = []) {
  const module = pyodide.pyimport("pyinterface._app_imports");
  try {
    const request = { files, provided: Object.fromEntries(provided), pyinterface_names: pyinterfaceNames };
    return JSON.parse(module.plan_imports_json(JSON.stringify(request)));
  } finally {
    module.destroy();
  }
}

/** The lock packages an app's imports need; throws naming the modules no runtime provides. */
function _packagesFromImports(pyodide, appFiles, provided) {
  const decoder = new TextDecoder();
  const files = Object.fromEntries(appFiles.filter((f) => f.name.endsWith(".py")).map((f) => [f.name, decoder.decode(f.bytes)]));
  for (const file of appFiles) if (!(file.name in files)) files[file.name] = ""; // non-Python names still shadow imports
  const plan = _importPlan(pyodide, files, provided);
  if (plan.missing.length) {
    const names = plan.missing.map((name) => `"${name}"`).join(", ");
    const error = new Error(
      `the app imports ${names}, which this page's Python runtime does not provide (not in the standard library, ` +
        "not in the runtime's packages, not one of the app's files). Add the module as a <pyinterface-file>, " +
        "or export an app that uses it with `pyinterface export` and set the runtime attribute to that export's " +
        "pyodide/ folder.",
    );
    error.name = "ModuleNotFoundError";
    throw error;
  }
  return plan.packages;
}

function _startPython(pyodide) {
  const protocol = pyodide.pyimport("pyinterface._protocol");
  const theirs = protocol.PROTOCOL_VERSION;
  protocol.destroy();
  checkProtocolVersion(theirs, "the pyinterface wheel in the runtime folder (Python)");
  const module = pyodide.pyimport("pyinterface._worker");
  try {
    // online(): a micropip failure while offline says so plainly (pyinterface/_console.py).
    return module.json_worker((text) => _postFromPython(text), _loadForPython, () => self.navigator.onLine);
  } finally {
    module.destroy();
  }
}

function _postFromPython(text) {
  let message;
  try {
    message = validateMessage(JSON.parse(text));
  } catch (err) {
    message = makeError({ error: err });
  }
  post(message);
}

// -- Stage 3 ----------------------------------------------------------------------------------

/** A failure while reading the app's files; loadApp reports it under that stage whenever it surfaces. */
class AppFileError extends Error {
  constructor(message) {
    super(message);
    this.name = "AppFileError";
    this.stage = "fetch app files";
  }
}

function _checkAppPath(name) {
  const parts = String(name).split("/");
  if (typeof name !== "string" || !name || name.startsWith("/") || name.includes("\\") || parts.some((p) => p === ".." || p === "" || p === ".")) {
    throw new AppFileError(`the app has a file named ${JSON.stringify(name)}; file names must be relative paths inside the app folder, like "data.csv" or "data/train.csv".`);
  }
}

/** Each file's bytes: fetched ({name, url}), encoded ({name, text}) or as given ({name, bytes}). */
function readAppFiles(files) {
  const encoder = new TextEncoder();
  return Promise.all(files.map(async (file) => {
    _checkAppPath(file?.name);
    if (typeof file.text === "string") return { name: file.name, bytes: encoder.encode(file.text) };
    if (file.bytes instanceof Uint8Array) return { name: file.name, bytes: file.bytes };
    if (typeof file.url !== "string") throw new AppFileError(`the app file ${file.name} has no url, text or bytes.`);
    let response;
    try {
      response = await fetch(file.url);
    } catch (err) {
      throw new AppFileError(`could not fetch the app file ${file.name} from ${file.url} (${err.message}); a file on another origin needs its server to send Access-Control-Allow-Origin.`);
    }
    if (!response.ok) throw new AppFileError(`could not fetch the app file ${file.name} from ${file.url}: ${response.status} ${response.statusText}`);
    return { name: file.name, bytes: new Uint8Array(await response.arrayBuffer()) };
  }));
}

function writeAppFiles(pyodide, id, app, appFiles) {
  post(makeProgress({ id, stage: "fetch app files", message: `Writing ${appFiles.length} app file${appFiles.length === 1 ? "" : "s"}` }));
  const folder = `${APPS_ROOT}/${app}`;
  pyodide.FS.mkdirTree(folder);
  for (const { name, bytes } of appFiles) {
    const path = `${folder}/${name}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, bytes);
  }
  return folder;
}

// -- Stage 4 ----------------------------------------------------------------------------------

async function runApp(id, app, path, entry) {
  post(makeProgress({ id, stage: "run app", message: `Running ${entry}` }));
  await _python.handle_json(JSON.stringify(makeRunApp({ id, app, path, entry })));
}

// -- messages ---------------------------------------------------------------------------------

async function loadApp({ id, app, runtime, manifest, files }) {
  let stage = "load runtime";
  const appFiles = readAppFiles(files); // fetched while the runtime loads
  appFiles.catch(() => {}); // awaited below; a failure is reported there, under its own stage
  try {
    const packages = Array.isArray(manifest.packages) ? manifest.packages : null;
    const pyodide = await loadRuntime(runtime, manifest.pyodide ?? null, packages);
    performance.mark("pyinterface:worker:runtime-loaded");
    stage = "load packages";
    await loadPackages(pyodide, id, runtime, packages, appFiles);
    performance.mark("pyinterface:worker:packages-loaded");
    stage = "fetch app files";
    const path = writeAppFiles(pyodide, id, app, await appFiles);
    stage = "run app";
    _apps.set(app, { id, runtime });
    configureHub(pyodide, app, manifest.hub); // gr.load endpoints (export flags / element attributes)
    await runApp(id, app, path, manifest.entry);
    performance.mark("pyinterface:worker:app-ran");
    const store = _storeSnapshot;
    _storeSnapshot = null;
    // Marks in the worker's timeline say when a snapshot was made and kept (bench/ waits for the
    // second before it measures a revisit: a visitor who leaves at once keeps none).
    store?.().then(
      () => performance.mark("pyinterface:snapshot-stored"),
      (err) => console.warn(`pyinterface: could not keep the memory snapshot (${err.message})`),
    );
  } catch (err) {
    if (_reportFatal(err)) return;
    const failed = err instanceof AppFileError ? err.stage : stage;
    post(makeError({ id, error: { type: err.name || "Error", message: err.message || String(err), traceback: null, stage: failed } }));
  }
}

/** Boot the first app's runtime before its load-app arrives; a failure is that load-app's to report. */
function startRuntime({ runtime, pyodide, packages }) {
  loadRuntime(runtime, pyodide, packages).catch(() => {});
}

async function dispatchEvent(message) {
  if (!_python) {
    post(makeError({ id: message.id, error: new Error(`app ${message.app} is not loaded yet; wait for its config.`) }));
    return;
  }
  try {
    await _python.handle_json(JSON.stringify(message));
  } catch (err) {
    if (!_reportFatal(err)) post(makeError({ id: message.id, error: err }));
  }
}

/**
 * Console input for a loaded app: the runtime packages its imports name are loaded first (an
 * import nothing provides is left for Python to report, after a micropip.install perhaps).
 */
async function execInApp(message) {
  try {
    const loaded = _apps.get(message.app);
    if (!_python || !loaded) throw new Error(`app ${message.app} is not loaded (yet): wait for the element's ready before exec.`);
    const pyodide = await _runtime.promise;
    const { packages } = _importPlan(pyodide, { "<console>.py": message.code }, await _providedImports(loaded.runtime), ["gr"]);
    if (packages.length) await _loadForApp(pyodide, message.id, loaded.runtime, packages);
    await _python.handle_json(JSON.stringify(message));
  } catch (err) {
    if (!_reportFatal(err)) post(makeError({ id: message.id, error: err }));
  }
}

/** The app's element left the page: Python drops its Interface, namespace, modules and files folder. */
async function unloadApp(message) {
  if (!_apps.delete(message.app) || !_python) return;
  try {
    await _python.handle_json(JSON.stringify(message));
  } catch (err) {
    console.warn(`pyinterface: could not unload ${message.app}: ${err.message}`);
  }
}

/** Stop event `id` (sync: before its task resumes); Python's reply to it tells the page it stopped. */
function _cancel(id) {
  try {
    _python?.cancel(id);
  } catch (err) {
    if (!_reportFatal(err)) console.warn(`pyinterface worker: could not cancel request ${id}: ${err.message}`);
  }
}

// After Pyodide's fatal error, what it throws from its own callbacks (the event loop's next
// step) is already reported: the page hears the `fatal` message, not an uncaught error.
self.addEventListener("error", (event) => _fatal && event.preventDefault());
self.addEventListener("unhandledrejection", (event) => _fatal && event.preventDefault());

self.onmessage = ({ data }) => {
  let message;
  try {
    message = validateMessage(data);
  } catch (err) {
    console.warn(`pyinterface worker: ignoring a message: ${err.message}`);
    if (data && Number.isInteger(data.id)) post(makeError({ id: data.id, error: err }));
    return;
  }
  if (_fatal) {
    post(makeFatal({ reason: _fatal })); // the page missed the first one: Python cannot answer
    return;
  }
  if (message.type === "start-runtime") startRuntime(message);
  else if (message.type === "load-app") loadApp(message);
  else if (message.type === "event") dispatchEvent(message);
  else if (message.type === "cancel") _cancel(message.id);
  else if (message.type === "hub-token") setHubToken(message.token);
  else if (message.type === "exec") execInApp(message);
  else if (message.type === "unload-app") unloadApp(message);
  else console.warn(`pyinterface worker: ignoring a "${message.type}" message (the page sends load-app, event, cancel, exec and unload-app)`);
};

post(makeHello());
