// The page's one Web Worker (a module worker): Pyodide runs here, never on the main thread.
//
// Loading an app is four named stages, each reporting progress and, if it fails, its name:
//   Stage 1  loadRuntime     import pyodide.mjs, loadPyodide({indexURL})    once per page
//   Stage 2  loadPackages    loadPackage(["pyinterface", ...manifest.packages])
//   Stage 3  fetchAppFiles   the manifest's files -> /home/pyodide/apps/<app>/
//   Stage 4  runApp          Python (pyinterface._worker) runs the entry and replies config
// Events are handed to Python as they come, each running as its own asyncio task; Python
// replies result or error (and sends progress while interpreting). A cancel message calls
// Python synchronously (Worker.cancel), which cancels that event's task, so it stops at its
// very next await. Messages are JSON text between JS and Python, so no proxy crosses the boundary.

import { checkProtocolVersion, makeError, makeHello, makeProgress, makeRunApp, validateMessage } from "./protocol.mjs";
import { createFetchMeter, formatBytes, since } from "./fetch-progress.mjs";
import { configureHub, setHubToken } from "./worker-hub.mjs";

const APPS_ROOT = "/home/pyodide/apps";
const PROGRESS_INTERVAL_MS = 100;

const post = (message) => self.postMessage(message);
const meter = createFetchMeter(globalThis.fetch.bind(globalThis), () => _reporter?.());
globalThis.fetch = meter.fetch;

/** Called when bytes arrive; set by the stage that is downloading. */
let _reporter = null;
/** {url, promise} of the runtime: one Pyodide per page, whatever the number of apps. */
let _runtime = null;
/** The Python side (pyinterface._worker.Worker), created once pyinterface is loaded. */
let _python = null;

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

async function loadRuntime(runtimeUrl) {
  if (_runtime) {
    if (_runtime.url !== runtimeUrl) {
      throw new Error(
        `this page already runs Pyodide from ${_runtime.url}, so it cannot also use ${runtimeUrl}: ` +
          "all <pyinterface-app> elements on a page share one worker; give them the same runtime attribute.",
      );
    }
    return _runtime.promise;
  }
  const promise = (async () => {
    const done = _trackBytes(null, "load runtime", (b) => `Downloading the Python runtime${_bytesText(b)}`);
    try {
      let module;
      try {
        module = await import(new URL("pyodide.mjs", runtimeUrl).href);
      } catch (err) {
        throw new Error(
          `cannot load ${new URL("pyodide.mjs", runtimeUrl).href} (${err.message}). The runtime folder ` +
            "is written by `pyinterface export`; check that it exists next to the page, or set the " +
            "runtime attribute of <pyinterface-app> to its URL.",
        );
      }
      return await module.loadPyodide({
        indexURL: runtimeUrl,
        stdout: (line) => console.log(line),
        stderr: (line) => console.warn(line),
      });
    } finally {
      done();
    }
  })();
  _runtime = { url: runtimeUrl, promise };
  return promise;
}

// -- Stage 2 ----------------------------------------------------------------------------------

async function loadPackages(pyodide, id, packages, runtimeUrl) {
  const names = [...new Set(["pyinterface", ...packages])];
  const errors = [];
  let step = `Loading ${names.join(", ")}`;
  const done = _trackBytes(id, "load packages", (b) => `${step}${_bytesText(b)}`);
  try {
    await pyodide.loadPackage(names, {
      messageCallback: (text) => {
        step = text;
        _reporter?.(true);
      },
      errorCallback: (text) => errors.push(text),
    });
  } finally {
    done();
  }
  // Lock names are compared PEP 503-normalised ("Pillow" is loaded for "pillow").
  const normal = (name) => name.toLowerCase().replace(/[-_.]+/g, "-");
  const loaded = new Set(Object.keys(pyodide.loadedPackages).map(normal));
  const missing = names.filter((name) => !loaded.has(normal(name)));
  if (errors.length || missing.length) {
    throw new Error(
      `could not load ${missing.join(", ") || "the packages"} from ${runtimeUrl}pyodide-lock.json: ` +
        `${errors.join("; ") || "not in the lock file"}. The runtime folder must come from ` +
        "`pyinterface export` (it lists pyinterface and every package the app needs).",
    );
  }
  if (!_python) _python = _startPython(pyodide);
}

function _startPython(pyodide) {
  const protocol = pyodide.pyimport("pyinterface._protocol");
  const theirs = protocol.PROTOCOL_VERSION;
  protocol.destroy();
  checkProtocolVersion(theirs, "the pyinterface wheel in the runtime folder (Python)");
  const module = pyodide.pyimport("pyinterface._worker");
  try {
    return module.json_worker((text) => _postFromPython(text));
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

function _checkAppPath(file) {
  const parts = String(file).split("/");
  if (!file || file.startsWith("/") || file.includes("\\") || parts.some((p) => p === ".." || p === "")) {
    throw new Error(`the manifest lists ${JSON.stringify(file)}; app files must be relative paths inside the app folder.`);
  }
}

async function fetchAppFiles(pyodide, id, app, manifestUrl, files) {
  const folder = `${APPS_ROOT}/${app}`;
  let written = 0;
  const done = _trackBytes(id, "fetch app files", (b) => `Fetching app files: ${written} of ${files.length}${_bytesText(b)}`);
  try {
    files.forEach(_checkAppPath);
    pyodide.FS.mkdirTree(folder);
    await Promise.all(files.map(async (file) => {
      const url = new URL(file, manifestUrl).href;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`could not fetch the app file ${file} from ${url}: ${response.status} ${response.statusText}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const path = `${folder}/${file}`;
      pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
      pyodide.FS.writeFile(path, bytes);
      written += 1;
    }));
  } finally {
    done();
  }
  return folder;
}

// -- Stage 4 ----------------------------------------------------------------------------------

async function runApp(id, app, path, entry) {
  post(makeProgress({ id, stage: "run app", message: `Running ${entry}` }));
  await _python.handle_json(JSON.stringify(makeRunApp({ id, app, path, entry })));
}

// -- messages ---------------------------------------------------------------------------------

async function loadApp({ id, app, runtime, manifest_url: manifestUrl, manifest }) {
  let stage = "load runtime";
  try {
    const pyodide = await loadRuntime(runtime);
    stage = "load packages";
    await loadPackages(pyodide, id, manifest.packages ?? [], runtime);
    stage = "fetch app files";
    const path = await fetchAppFiles(pyodide, id, app, manifestUrl, manifest.files ?? [manifest.entry]);
    stage = "run app";
    configureHub(pyodide, app, manifest.hub); // gr.load endpoints (export flags / element attributes)
    await runApp(id, app, path, manifest.entry);
  } catch (err) {
    post(makeError({ id, error: { type: err.name || "Error", message: err.message || String(err), traceback: null, stage } }));
  }
}

async function dispatchEvent(message) {
  if (!_python) {
    post(makeError({ id: message.id, error: new Error(`app ${message.app} is not loaded yet; wait for its config.`) }));
    return;
  }
  try {
    await _python.handle_json(JSON.stringify(message));
  } catch (err) {
    post(makeError({ id: message.id, error: err }));
  }
}

self.onmessage = ({ data }) => {
  let message;
  try {
    message = validateMessage(data);
  } catch (err) {
    console.warn(`pyinterface worker: ignoring a message: ${err.message}`);
    if (data && Number.isInteger(data.id)) post(makeError({ id: data.id, error: err }));
    return;
  }
  if (message.type === "load-app") loadApp(message);
  else if (message.type === "event") dispatchEvent(message);
  else if (message.type === "cancel") _python?.cancel(message.id); // sync: before the event's task resumes
  else if (message.type === "hub-token") setHubToken(message.token);
  else console.warn(`pyinterface worker: ignoring a "${message.type}" message (the page sends load-app, event and cancel)`);
};

post(makeHello());
