// The main thread's side of the worker: one Web Worker per page, shared by every
// <pyinterface-app>. Requests get an id; replies with that id settle the request's promise.
//
// "Per page" holds even when apps come from several export folders, each with its own copy of
// this module (a different URL, so a different module instance): the client lives in a
// globalThis registry under a Symbol.for key, and the first bridge to need it starts it.
//
// The worker is watched. When it dies (Pyodide's fatal error, reported by worker.mjs as a
// `fatal` message: os._exit, a C-stack overflow, an abort; or an error event after hello) every
// pending request fails at once with "Python stopped: <why>." and onStopped listeners (each
// <pyinterface-app>) offer Restart. A cancelled event keeps its request pending until the worker
// acknowledges it (its reply): the page must not start new work while the worker is still busy
// with the cancelled one. Without that reply within CANCEL_GRACE_MS (a sync `while True: pass`
// holds the worker's thread), the worker is terminated and restarted. restart() keeps this one
// client object (the registry's), starts a new worker and tells onRestarted listeners, which
// load their apps again.

import {
  PROTOCOL_VERSION, checkProtocolVersion, makeCancel, makeEvent, makeExec, makeHubToken, makeLoadApp, makeStartRuntime,
  makeUnloadApp, validateMessage,
} from "./protocol.mjs";

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

/** How long a cancelled event may take to acknowledge the cancel before the worker is restarted. */
export const CANCEL_GRACE_MS = 2000;

/** The error of every request the worker can no longer answer: it stopped, or it was restarted. */
export function stoppedError(type, message) {
  return new WorkerError({ type, message, traceback: null, stage: null });
}

/** Where the page's one client is kept, whichever copy of this module created it. */
const REGISTRY_KEY = Symbol.for("pyinterface.worker-client");

/**
 * The page's one worker client, started on first use by whichever bridge asks first.
 * A bridge speaking another protocol version cannot share it: that throws, naming both.
 */
export function sharedClient() {
  const workerUrl = new URL("./worker.mjs", import.meta.url).href;
  globalThis[REGISTRY_KEY] ??= { protocol: PROTOCOL_VERSION, workerUrl, client: new WorkerClient(workerUrl) };
  const shared = globalThis[REGISTRY_KEY];
  if (shared.protocol !== PROTOCOL_VERSION) {
    throw new WorkerError({
      type: "VersionError",
      message: `this page already runs pyinterface's worker from ${shared.workerUrl} (protocol ${shared.protocol}), ` +
        `but this app's bridge ${workerUrl} speaks protocol ${PROTOCOL_VERSION}. Every <pyinterface-app> on a page ` +
        "shares one worker: export the apps with the same pyinterface version, or put them on separate pages.",
      stage: "load runtime",
    });
  }
  return shared.client;
}

/**
 * Start the module worker at `workerUrl`. Browsers only start module workers from the page's
 * own origin, so a bridge on another origin (a CDN, another GitHub Pages site) is started from
 * a same-origin Blob whose one line imports it; the worker's own imports and fetches then
 * resolve against its real URL (the bridge's server must send Access-Control-Allow-Origin).
 * Returns the worker and the Blob URL to revoke once it runs (null when none was made).
 */
function startWorker(workerUrl) {
  const singleFile = globalThis[Symbol.for("pyinterface.single-file")];
  if (singleFile) return singleFile.startWorker(); // a single-file export's page: its loader started a classic worker (single-file.js)
  if (new URL(workerUrl).origin === location.origin) return { worker: new Worker(workerUrl, { type: "module" }), blobUrl: null };
  const blob = new Blob([`import ${JSON.stringify(workerUrl)};\n`], { type: "text/javascript" });
  const blobUrl = URL.createObjectURL(blob);
  return { worker: new Worker(blobUrl, { type: "module" }), blobUrl };
}

export class WorkerClient {
  constructor(workerUrl) {
    this._workerUrl = workerUrl;
    this._nextId = 1;
    this._nextApp = 1;
    /** id -> {resolve, reject, onProgress, onOutput, cancelling} */
    this._pending = new Map();
    /** "config" | "output" -> app -> its listeners: configs its console input launched (config
     * messages with id null), what it prints outside console input (app-output messages) */
    this._appListeners = { config: new Map(), output: new Map() };
    /** "stopped" | "restarted" -> listeners of the worker's life (site/element.mjs) */
    this._lifeListeners = { stopped: new Set(), restarted: new Set() };
    /** How many workers this client has started (1 until a restart). */
    this.generation = 0;
    this._start();
  }

  /** Start a worker (the first, or after a restart): fresh hello, no failure, nothing pending. */
  _start() {
    const workerUrl = this._workerUrl;
    this.generation += 1;
    this._failure = null;
    this._stopped = null;
    this._ready = false;
    let helloReceived;
    this._hello = new Promise((resolve, reject) => {
      helloReceived = { resolve, reject };
    });
    this._helloReceived = helloReceived;
    try {
      ({ worker: this._worker, blobUrl: this._blobUrl } = startWorker(workerUrl));
    } catch (err) {
      const hint = location.protocol === "file:"
        ? " Browsers do not start workers for pages opened from file://: serve the folder, e.g. `python -m http.server`, and open it over http://localhost."
        : "";
      this._fail(new WorkerError({ type: err.name, message: `cannot start the pyinterface worker (${err.message}).${hint}`, stage: "load runtime" }));
      return;
    }
    const worker = this._worker;
    // A restarted client ignores whatever its old worker still sends.
    worker.addEventListener("message", (event) => this._worker === worker && this._receive(event.data));
    worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      if (this._worker !== worker) return;
      const detail = event.message ? `: ${event.message}` : "";
      // Before hello the worker module itself failed (missing file, syntax error): fatal.
      if (!this._ready) {
        this._fail(new WorkerError({
          type: "WorkerError",
          message: `the pyinterface worker (${workerUrl}) failed to start${detail}. Check that the export's pyinterface/ ` +
            "folder is complete and, when it is on another origin than the page, that its server sends " +
            "Access-Control-Allow-Origin (GitHub Pages does).",
          stage: "load runtime",
        }));
      } else this.stop(`the worker failed${detail || " (an error event)"}`);
    });
  }

  /** Why the worker stopped (a sentence), or null while it runs. */
  get stopped() {
    return this._stopped;
  }

  /**
   * The worker can no longer run Python (`reason`: why, a phrase): terminate it, fail every
   * pending request with "Python stopped: <reason>." and tell the onStopped listeners.
   */
  stop(reason) {
    if (this._stopped) return;
    console.error(`pyinterface: Python stopped: ${reason}`);
    this._stopped = reason;
    this._worker?.terminate();
    const error = stoppedError("PythonStopped", `Python stopped: ${reason}.`);
    this._failure = error;
    this._rejectAll(error);
    for (const listener of this._lifeListeners.stopped) listener({ reason, error });
  }

  /**
   * Replace the worker with a new one (the snapshot, when stored, makes its boot quick); every
   * pending request fails with a "PythonRestarted" error naming `reason`, and the onRestarted
   * listeners load their apps again. Resolves once the new worker has said hello.
   * A single-file page cannot start a second worker (its files were handed over once): it reloads.
   */
  restart(reason) {
    if (globalThis[Symbol.for("pyinterface.single-file")]) {
      location.reload();
      return new Promise(() => {});
    }
    const old = this._worker;
    this._worker = null; // its late messages and errors are ignored from here on
    old?.terminate();
    this._rejectAll(stoppedError("PythonRestarted",
      `Python was restarted (${reason}): the app's state in Python was lost (its variables, loaded models, ` +
        "what fn kept between runs)."));
    this._start();
    for (const listener of this._lifeListeners.restarted) listener({ reason });
    return this._hello;
  }

  /** Call `listener({reason, error})` when the worker stops; returns a remover. */
  onStopped(listener) {
    this._lifeListeners.stopped.add(listener);
    return () => this._lifeListeners.stopped.delete(listener);
  }

  /** Call `listener({reason})` when the worker was restarted (apps must load again); returns a remover. */
  onRestarted(listener) {
    this._lifeListeners.restarted.add(listener);
    return () => this._lifeListeners.restarted.delete(listener);
  }

  _rejectAll(error) {
    const pending = [...this._pending.values()];
    this._pending.clear();
    for (const request of pending) {
      clearTimeout(request.graceTimer);
      request.reject(error);
    }
  }

  /** A name for a new app, unique on the page (every bridge's elements share this client). */
  newAppId() {
    return `app${this._nextApp++}`;
  }

  /** Send the worker a Hugging Face token the visitor pasted (null: forget it); no reply. */
  async hubToken(token) {
    await this._hello;
    if (!this._failure) this._worker.postMessage(makeHubToken({ token }));
  }

  /**
   * Have the worker boot `runtime` now (early-start.mjs), before the first app's load-app; no
   * reply. Posted without waiting for hello: the worker reads it as soon as its module runs.
   * @param {{runtime: string, pyodide: string | null, packages: string[] | null}} request
   */
  startRuntime({ runtime, pyodide, packages }) {
    if (!this._failure) this._worker.postMessage(makeStartRuntime({ runtime, pyodide, packages }));
  }

  /** Call `listener(message)` for every hub-wait (a Hub request retried later); returns a remover. */
  onHubWait(listener) {
    (this._hubWaitListeners ??= new Set()).add(listener);
    return () => this._hubWaitListeners.delete(listener);
  }

  /**
   * Load an app in the worker; resolves with its Interface config.
   * `files`: the app's files, each {name, url} | {name, text} | {name, bytes} (see protocol.mjs).
   * @param {{app: string, runtime: string, sourceUrl: string, manifest: object, files: object[], onProgress?: (p: object) => void}} request
   */
  loadApp({ app, runtime, sourceUrl, manifest, files, onProgress }) {
    return this._request((id) => makeLoadApp({ id, app, runtime, source_url: sourceUrl, manifest, files }), { onProgress });
  }

  /**
   * Run `event` ("predict" / "interpret") with wire `data`; resolves with the wire outputs.
   * `onProgress` gets the event's progress messages; aborting `signal` sends the worker a cancel
   * (Python stops the event at its next await). The request stays pending until the worker
   * answers, so the page knows when it is free: then it rejects with a WorkerError of type
   * "CancelledError" (or resolves, had the event just finished). No answer within
   * CANCEL_GRACE_MS: the worker is restarted (`signal.reason`, a phrase, says why it was cancelled).
   * @param {{app: string, event: string, data: any[], onProgress?: (p: object) => void, signal?: AbortSignal}} request
   */
  event({ app, event, data, onProgress = null, signal = null }) {
    return this._request((id) => makeEvent({ id, app, event, data }), { onProgress, signal });
  }

  /**
   * Run console input `code` in the app's namespace; resolves with {status, value} (the exec-result)
   * or rejects with a WorkerError (Python's exception). `onOutput(stream, text)` gets what it prints.
   * @param {{app: string, code: string, onOutput?: (stream: "stdout" | "stderr", text: string) => void}} request
   */
  exec({ app, code, onOutput = null }) {
    return this._request((id) => makeExec({ id, app, code }), { onOutput });
  }

  /** Have the worker drop `app` (its element left the page); no reply. */
  async unloadApp(app) {
    await this._hello;
    if (!this._failure) this._worker.postMessage(makeUnloadApp({ app }));
  }

  /** Call `listener(config)` whenever console input launches an Interface for `app`; returns a remover. */
  onConfig(app, listener) {
    return this._listen("config", app, listener);
  }

  /**
   * Call `listener(stream, text)` with what `app` prints outside console input (its code while
   * it starts, its fn in events), a line at a time; returns a remover. Listen before loadApp
   * to hear the start.
   */
  onOutput(app, listener) {
    return this._listen("output", app, listener);
  }

  _listen(kind, app, listener) {
    const byApp = this._appListeners[kind];
    if (!byApp.has(app)) byApp.set(app, new Set());
    const listeners = byApp.get(app);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (!listeners.size) byApp.delete(app);
    };
  }

  async _request(make, { onProgress = null, signal = null, onOutput = null } = {}) {
    await this._hello;
    if (this._failure) throw this._failure;
    if (signal?.aborted) throw cancelledError();
    const id = this._nextId++;
    const message = make(id);
    return new Promise((resolve, reject) => {
      const request = { resolve, reject, onProgress, onOutput, cancelling: false, graceTimer: null };
      this._pending.set(id, request);
      this._worker.postMessage(message);
      signal?.addEventListener("abort", () => this._cancel(id, request, signal.reason), { once: true });
    });
  }

  /** Ask the worker to stop request `id`; restart it if it has not answered within CANCEL_GRACE_MS. */
  _cancel(id, request, why) {
    if (this._pending.get(id) !== request || request.cancelling) return; // already answered
    request.cancelling = true;
    this._worker.postMessage(makeCancel({ id }));
    request.graceTimer = setTimeout(() => {
      if (this._pending.get(id) !== request) return;
      const cause = typeof why === "string" && why ? why : "a run was cancelled";
      this.restart(`${cause}, and Python did not stop within ${CANCEL_GRACE_MS / 1000} s`);
    }, CANCEL_GRACE_MS);
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
        if (this._blobUrl) URL.revokeObjectURL(this._blobUrl); // the worker has imported its module
        this._helloReceived.resolve();
      } catch (err) {
        this._fail(new WorkerError({ type: err.name, message: err.message, stage: "load runtime" }));
      }
      return;
    }
    if (message.type === "fatal") {
      this.stop(message.reason);
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
    if (message.type === "config" && message.id === null) {
      for (const listener of this._appListeners.config.get(message.app) ?? []) listener(message.config);
      return;
    }
    if (message.type === "app-output") {
      for (const listener of this._appListeners.output.get(message.app) ?? []) listener(message.stream, message.text);
      return;
    }
    const pending = this._pending.get(message.id);
    if (message.type === "exec-output") {
      pending?.onOutput?.(message.stream, message.text);
      return;
    }
    if (!pending) {
      if (message.type === "error") console.error(`pyinterface worker: ${message.error.type}: ${message.error.message}`);
      else console.warn(`pyinterface: a "${message.type}" reply for unknown request ${message.id}`);
      return;
    }
    this._pending.delete(message.id);
    clearTimeout(pending.graceTimer); // a cancelled request's reply: the worker is free again
    if (message.type === "error") pending.reject(new WorkerError(message.error));
    else if (message.type === "config") pending.resolve(message.config);
    else if (message.type === "result") pending.resolve(message.data);
    else if (message.type === "exec-result") pending.resolve({ status: message.status, value: message.value });
    else pending.reject(new WorkerError({ type: "ProtocolError", message: `unexpected "${message.type}" reply` }));
  }

  _fail(error) {
    this._failure = error;
    this._helloReceived.resolve();
    this._rejectAll(error);
  }
}

/** The error a cancelled request (or a run cancelled before it was sent) fails with. */
export function cancelledError() {
  return new WorkerError({ type: "CancelledError", message: "Cancelled.", traceback: null, stage: null });
}
