// The main thread's side of the worker: one Web Worker per page, shared by every
// <pyinterface-app>. Requests get an id; replies with that id settle the request's promise.

import { checkProtocolVersion, makeCancel, makeEvent, makeHubToken, makeLoadApp, validateMessage } from "./protocol.mjs";

/** A failure reported by the worker; carries Python's type, message and traceback. */
export class WorkerError extends Error {
  /** @param {{type: string, message: string, traceback: string | null, stage: string | null}} info */
  constructor(info) {
    super(info.message);
    this.name = "WorkerError";
    this.type = info.type;
    this.traceback = info.traceback ?? null;
    this.stage = info.stage ?? null;
    /** A failed Hub request's details ({kind, needs_token, help_url, status, ...}), else null. */
    this.hub = info.hub ?? null;
  }
}

let _shared = null;

/** The page's one worker client, started on first use. */
export function sharedClient() {
  _shared ??= new WorkerClient(new URL("./worker.mjs", import.meta.url));
  return _shared;
}

export class WorkerClient {
  constructor(workerUrl) {
    this._nextId = 1;
    /** id -> {resolve, reject, onProgress} */
    this._pending = new Map();
    /** ids of cancelled requests: their late replies are dropped without a warning */
    this._cancelled = new Set();
    this._failure = null;
    let helloReceived;
    this._hello = new Promise((resolve, reject) => {
      helloReceived = { resolve, reject };
    });
    this._helloReceived = helloReceived;
    try {
      this._worker = new Worker(workerUrl, { type: "module" });
    } catch (err) {
      const hint = location.protocol === "file:"
        ? " Browsers do not start workers for pages opened from file://: serve the folder, e.g. `python -m http.server`, and open it over http://localhost."
        : "";
      this._fail(new WorkerError({ type: err.name, message: `cannot start the pyinterface worker (${err.message}).${hint}`, stage: "load runtime" }));
      return;
    }
    this._worker.addEventListener("message", (event) => this._receive(event.data));
    this._worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      const detail = event.message ? `: ${event.message}` : "";
      // Before hello the worker module itself failed (missing file, syntax error): fatal.
      if (!this._ready) {
        this._fail(new WorkerError({
          type: "WorkerError",
          message: `the pyinterface worker (${workerUrl}) failed to start${detail}. Check that the pyinterface/ folder next to the page is complete.`,
          stage: "load runtime",
        }));
      } else console.error(`pyinterface worker error${detail}`);
    });
  }

  /** Send the worker a Hugging Face token the visitor pasted (null: forget it); no reply. */
  async hubToken(token) {
    await this._hello;
    if (!this._failure) this._worker.postMessage(makeHubToken({ token }));
  }

  /** Call `listener(message)` for every hub-wait (a Hub request retried later); returns a remover. */
  onHubWait(listener) {
    (this._hubWaitListeners ??= new Set()).add(listener);
    return () => this._hubWaitListeners.delete(listener);
  }

  /**
   * Load an app in the worker; resolves with its Interface config.
   * @param {{app: string, runtime: string, manifestUrl: string, manifest: object, onProgress?: (p: object) => void}} request
   */
  loadApp({ app, runtime, manifestUrl, manifest, onProgress }) {
    return this._request((id) => makeLoadApp({ id, app, runtime, manifest_url: manifestUrl, manifest }), onProgress);
  }

  /**
   * Run `event` ("predict" / "interpret") with wire `data`; resolves with the wire outputs.
   * `onProgress` gets the event's progress messages; aborting `signal` sends the worker a cancel
   * and rejects at once with a WorkerError of type "CancelledError" (Python stops the event at
   * its next await; its late reply is dropped).
   * @param {{app: string, event: string, data: any[], onProgress?: (p: object) => void, signal?: AbortSignal}} request
   */
  event({ app, event, data, onProgress = null, signal = null }) {
    return this._request((id) => makeEvent({ id, app, event, data }), onProgress, signal);
  }

  async _request(make, onProgress = null, signal = null) {
    await this._hello;
    if (this._failure) throw this._failure;
    if (signal?.aborted) throw _cancelledError();
    const id = this._nextId++;
    const message = make(id);
    return new Promise((resolve, reject) => {
      this._pending.set(id, { resolve, reject, onProgress });
      this._worker.postMessage(message);
      signal?.addEventListener("abort", () => {
        if (!this._pending.delete(id)) return; // already answered
        this._cancelled.add(id);
        this._worker.postMessage(makeCancel({ id }));
        reject(_cancelledError());
      }, { once: true });
    });
  }

  _receive(data) {
    let message;
    try {
      message = validateMessage(data);
    } catch (err) {
      console.warn(`pyinterface: ignoring a message from the worker: ${err.message}`);
      return;
    }
    if (message.type === "hello") {
      try {
        checkProtocolVersion(message.protocol, "The worker (worker.mjs)");
        this._ready = true;
        this._helloReceived.resolve();
      } catch (err) {
        this._fail(new WorkerError({ type: err.name, message: err.message, stage: "load runtime" }));
      }
      return;
    }
    if (message.type === "hub-wait") {
      for (const listener of this._hubWaitListeners ?? []) listener(message);
      return;
    }
    if (message.type === "progress") {
      for (const [id, pending] of this._pending) {
        if (message.id === null || message.id === id) pending.onProgress?.(message);
      }
      return;
    }
    const pending = this._pending.get(message.id);
    if (!pending && this._cancelled.delete(message.id)) return; // the reply of a cancelled request
    if (!pending) {
      if (message.type === "error") console.error(`pyinterface worker: ${message.error.type}: ${message.error.message}`);
      else console.warn(`pyinterface: a "${message.type}" reply for unknown request ${message.id}`);
      return;
    }
    this._pending.delete(message.id);
    if (message.type === "error") pending.reject(new WorkerError(message.error));
    else if (message.type === "config") pending.resolve(message.config);
    else if (message.type === "result") pending.resolve(message.data);
    else pending.reject(new WorkerError({ type: "ProtocolError", message: `unexpected "${message.type}" reply` }));
  }

  _fail(error) {
    this._failure = error;
    this._helloReceived.resolve();
    for (const pending of this._pending.values()) pending.reject(error);
    this._pending.clear();
  }
}

function _cancelledError() {
  return new WorkerError({ type: "CancelledError", message: "Cancelled.", traceback: null, stage: null });
}
