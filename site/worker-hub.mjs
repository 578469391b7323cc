// The worker's part of gr.load: each app's Hub endpoints and the visitor's token, handed to
// Python (pyinterface/_worker_hub.py), which turns them into what pyinterface.hub reads.
//
// A token can arrive before Python is running (the page restores it from sessionStorage as it
// boots): it waits here and is handed over as soon as the first app is about to run.

let _module = null;
let _pendingToken;

function _ensure(pyodide) {
  if (_module) return _module;
  _module = pyodide.pyimport("pyinterface._worker_hub");
  if (_pendingToken !== undefined) {
    _module.set_token(_pendingToken);
    _pendingToken = undefined;
  }
  return _module;
}

/**
 * Before an app runs: its endpoints ({endpoint, inference_endpoint}: the export flags, overridden
 * by the element's attributes), used while its app file runs (a gr.load at import time).
 */
export function configureHub(pyodide, app, hub) {
  _ensure(pyodide).configure(app, JSON.stringify(hub ?? {}));
}

/** A token the visitor pasted ("" or null: forget it); never written anywhere by the worker. */
export function setHubToken(token) {
  const value = typeof token === "string" ? token : "";
  if (_module) _module.set_token(value);
  else _pendingToken = value;
}
