// <pyinterface-app>: one app on the page, rendered in its own shadow root.
//
//   <pyinterface-app src="site/">            an export folder (its app/manifest.json)
//   <pyinterface-app src="app.py">           a Python file; packages found from its imports
//   <pyinterface-app>import pyinterface …</pyinterface-app>   inline Python (see sources.mjs)
//   [runtime="…/pyodide/"]  the runtime folder (default: the export's own, else the bridge's)
//   [standalone]            the app owns the page (its css= body rules colour the page)
//   For gr.load, [hf-endpoint="…"] [hf-inference-endpoint="…"] override the exported endpoints (site/hub.mjs).
//
// Boot, as the element sees it (what starts the runtime's download comes first):
//   1. start the page's worker (its modules load while the rest happens);
//   2. read its source (sources.mjs: an export page carries its manifest inline, so no fetch);
//   3. ask the worker to load the app at once (progress shown throughout); meanwhile, if the
//      manifest holds a precomputed config, import its renderers, render the UI from it (inputs
//      usable, Submit queued) and mark `pyinterface:first-paint`;
//   4. render from the live config if it differs, hand the UI its runner, mark `pyinterface:ready`.
// An export page carries that UI prerendered in its HTML (a declarative shadow root, see
// pyinterface/tooling/_prerender.py), so it shows before any module runs; step 3 replaces it.
// On error the panel says which stage failed and shows Python's traceback.
//
// The JS API (README.md, "The <pyinterface-app> element and its JS API"):
//   el.ready          a promise: resolves (with el) once the app is interactive, rejects with the
//                     boot error (a rejection nobody awaits is not reported as unhandled)
//   el.status         "loading" | "ready" | "error", mirrored by the data-status attribute
//   el.predict(inputs)    one wire value per input -> the wire outputs (see below); the page's
//                         input and output components show them, as after a Submit
//   el.interpret(inputs)  one wire value per input -> the interpretation's wire values
//   el.flaggingCallback   null, or async (flag) => {...}: receives each flag of the app after it is
//                         stored in this browser (site/flagging.mjs; README.md "Flagging")
//   el.exec(code, {onOutput})  console input run in the app's namespace -> {status, value}
//                         (pyinterface/_console.py); an Interface it launches is re-rendered here
//   Removing the element from the page unloads its app from the worker (its Interface,
//   namespace, modules and files); adding it back loads the app afresh.
//   When the page's worker stops (client.mjs), every app shows "Python stopped: …" with a
//   Restart button; once restarted, each loads its app again (status "loading", a new `ready`)
//   with its input values kept where the app still has those inputs, and says what was lost.
//   events (bubbling, composed: they cross shadow roots), each with a `detail`:
//     pyinterface-status  {status, error?}                 on every status change
//     pyinterface-result  {event, inputs, outputs}         after every run, from the UI or from script
//     pyinterface-error   {stage, event, error: {type, message, traceback}}  a boot or run failure
//     pyinterface-output  {stream: "stdout" | "stderr", text}   what the app prints outside el.exec (its
//                         code while it starts, its fn in runs), a line at a time (also in the worker's console)
//
// Wire values are what the page shows, as plain JSON (pyinterface/components/*.py, `postprocess`):
//   Textbox → string; Number, Slider → number; Checkbox → boolean; Dropdown, Radio → the choice
//   (string); CheckboxGroup → list of strings; Label → {label, confidences: [{label, confidence}]};
//   JSON → the value; HighlightedText → list of [text, label]; Dataframe → {headers, data};
//   Markdown → string; Image, Sketchpad, Webcam → a data URL ("data:image/png;base64,…") or null;
//   Audio → a data URL of a WAV file or null.

import { adoptAppCss } from "./app-css.mjs";
import { AppView, loadViewModules } from "./app.mjs";
import { sharedClient } from "./client.mjs";
import { canonicalJson, h } from "./dom.mjs";
import { flagLogKey } from "./flag-store.mjs";
import { HubSupport, hubEndpoints } from "./hub.mjs";
import { ProgressPanel } from "./progress.mjs";
import { withTimeout } from "./run-control.mjs";
import { resolveSource } from "./sources.mjs";
import { applyUrlScheme } from "./theme.mjs";

const STYLESHEET = new URL("./pyinterface.css", import.meta.url).href;

export class PyinterfaceAppElement extends HTMLElement {
  constructor() {
    super();
    this._newReady();
    this._view = null;
    this._shown = null; // the AppView on screen (set by _show; closed when replaced or unloaded)
    this._run = null;
    if (Object.hasOwn(this, "flaggingCallback")) { // set by the page before the element was defined
      const callback = this.flaggingCallback;
      delete this.flaggingCallback;
      this.flaggingCallback = callback;
    }
  }

  _newReady() {
    this._ready = new Promise((resolve, reject) => {
      this._settleReady = { resolve, reject };
    });
    this._ready.catch(() => {}); // a boot error is shown in the box and sent as pyinterface-error
  }

  /** Resolves with this element once the app is interactive; rejects with the boot error. */
  get ready() {
    return this._ready;
  }

  /**
   * A host page's flagging callback: `async (flag) => {...}` gets each flag after the page has
   * stored it in this browser ({columns, row, files, values, option, label, mode, timestamp,
   * date}; README.md "Flagging"). If it throws, the flag stays stored and the app says so.
   */
  get flaggingCallback() {
    return this._flaggingCallback ?? null;
  }

  set flaggingCallback(callback) {
    if (callback !== null && typeof callback !== "function") {
      throw new TypeError(`flaggingCallback must be a function (async (flag) => {...}) or null, got ${typeof callback}.`);
    }
    this._flaggingCallback = callback;
  }

  /** "loading", "ready" or "error" (also the data-status attribute). */
  get status() {
    return this.dataset.status ?? "loading";
  }

  connectedCallback() {
    if (this._booting && !this._unloaded) return;
    if (this._booting) {
      // Removed (which unloaded its app), now back on the page: load the app afresh once the old boot is over.
      this._unloaded = false;
      this._newReady();
      this._setStatus("loading");
      this._booting = this._booting.then(() => this._boot());
      return;
    }
    // The app renders in its own shadow root: the host page's styles don't reach it, and its
    // styles (pyinterface.css, the app's css=) don't reach the host page. It also keeps the
    // inline Python and <pyinterface-file> children (light DOM, no slot) out of view.
    this._root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    applyUrlScheme(this); // ?__theme=dark|light, unless the theme attribute chose already (theme.mjs)
    this._painted = false;
    this._setStatus("loading");
    this._booting = this._boot(); // never rejects: a boot error is shown in the box
  }

  disconnectedCallback() {
    // Moved within the document (removed and inserted again in one task), the element stays
    // the same app; only an element that is really gone unloads it.
    queueMicrotask(() => {
      if (!this.isConnected) this._unload();
    });
  }

  /** Stop hearing what the worker says of this app: Interfaces its console launches, what it prints. */
  _stopListening() {
    this._stopConfig?.();
    this._stopOutput?.();
    this._stopConfig = this._stopOutput = null;
  }

  /** Drop the app from the worker once its boot is over (the worker then has it, or knows it failed). */
  _unload() {
    if (!this._booting || this._unloaded) return;
    this._unloaded = true;
    this._stopListening();
    this._shown?.close();
    this._shown = null;
    this._stopWatching?.();
    this._stopWatching = null;
    adoptAppCss(this._root, "", {}); // a standalone app's css= leaves the page with it
    this._booting.then(() => {
      if (this._client && this._appId) this._client.unloadApp(this._appId);
    });
  }

  /**
   * Run console input `code` in the app's namespace (its module globals, which its fn sees;
   * `gr` and `demo` bound there) in the page's worker. Resolves with {status: "complete", value}
   * (value: the repr of a final expression, else null) or {status: "incomplete", value: null}
   * when `code` is an unfinished statement (nothing ran). `onOutput(stream, text)` gets what it
   * prints ("stdout" | "stderr") as it is printed. Rejects with a WorkerError (type, message,
   * traceback) when the code raises. An Interface the code launches is shown here before this
   * resolves.
   * @param {string} code
   * @param {{onOutput?: (stream: "stdout" | "stderr", text: string) => void}} [options]
   */
  async exec(code, { onOutput = null } = {}) {
    if (typeof code !== "string") throw new TypeError(`exec(code): code must be Python source, a string; got ${typeof code}.`);
    await this._ready;
    if (this._unloaded) {
      throw new Error("this <pyinterface-app> was removed from the page, which unloaded its app: run code in the element that replaced it.");
    }
    const result = await this._client.exec({ app: this._appId, code, onOutput });
    await this._relaunching; // an Interface the code launched is on screen before exec resolves
    return result;
  }

  /**
   * Run the app's fn on `inputs` (one wire value per input, in order); resolves with the wire
   * outputs. The page's inputs and outputs show them, as after a Submit.
   * @param {any[]} inputs
   */
  async predict(inputs) {
    const view = await this._interactiveView();
    const event = this._event(view, "predict");
    this._checkInputs(inputs, event.inputs.length);
    event.inputs.forEach((id, index) => view.widgets.get(id).set(inputs[index]));
    const outputs = await this._run("predict", inputs);
    event.outputs.forEach((id, index) => view.widgets.get(id).set(outputs[index]));
    return outputs;
  }

  /**
   * Interpret the prediction for `inputs` (one wire value per input); resolves with one
   * interpretation per input (its wire form). The page's interpretation panel is not changed.
   * @param {any[]} inputs
   */
  async interpret(inputs) {
    const view = await this._interactiveView();
    const event = this._event(view, "interpret");
    const inputCount = view.config.layout.inputs.length;
    this._checkInputs(inputs, inputCount);
    // The event's data is the inputs' then the outputs' values; Python reads the inputs.
    const outputs = event.inputs.slice(inputCount).map((id) => view.widgets.get(id).get());
    return this._run("interpret", [...inputs, ...outputs]);
  }

  async _interactiveView() {
    await this._ready;
    return this._view;
  }

  _event(view, name) {
    const event = view.config.events.find((candidate) => candidate.name === name);
    if (!event) {
      throw new Error(`this app has no ${name} event${name === "interpret" ? " (create its Interface with interpretation=...)" : ""}.`);
    }
    return event;
  }

  _checkInputs(inputs, count) {
    if (!Array.isArray(inputs) || inputs.length !== count) {
      const labels = this._view.config.layout.inputs.map((id) => this._label(id)).join(", ");
      throw new TypeError(`this app takes ${count} input${count === 1 ? "" : "s"} (${labels}): pass an array of ${count} wire value${count === 1 ? "" : "s"}, got ${JSON.stringify(inputs)?.slice(0, 80)}.`);
    }
  }

  _label(id) {
    const component = this._view.config.components.find((c) => c.id === id);
    return component?.props?.label ?? component?.type ?? String(id);
  }

  /** Follow the page's worker: show that it stopped; load the app again once it restarted. */
  _watch(client) {
    if (this._stopWatching) return;
    const stopped = client.onStopped(({ error }) => this._view?.showError(error));
    const restarted = client.onRestarted(({ reason }) => this._reboot(reason));
    this._stopWatching = () => {
      stopped();
      restarted();
    };
  }

  /** Python was restarted (`reason`): load the app again, keeping what the inputs hold. */
  _reboot(reason) {
    if (this._unloaded || !this._booting) return;
    const kept = this._inputValues();
    this._stopListening(); // the new boot listens again
    const notice = `Python was restarted (${reason}): this app's state in Python was lost (its variables, loaded ` +
      `models, what fn kept between runs)${kept ? ", your inputs were kept" : ""}.`;
    this._booting = this._booting.then(() => {
      if (this._unloaded) return undefined;
      this._newReady(); // after the old boot settled its own promise
      this._setStatus("loading");
      return this._boot({ kept, notice });
    });
  }

  /** The input widgets' values by component id and type, or null when no UI is shown. */
  _inputValues() {
    const view = this._view;
    if (!view) return null;
    const values = new Map();
    for (const id of view.config.layout.inputs) {
      try {
        values.set(id, { type: view.config.components[id]?.type, value: view.widgets.get(id).get() });
      } catch (err) {
        console.warn(`pyinterface: input ${id} could not be kept over the restart (${err.message})`);
      }
    }
    return values;
  }

  /** Put kept input values back into `view` where the same input (id and type) is there. */
  _restoreInputs(view, kept) {
    for (const [id, { type, value }] of kept ?? []) {
      if (view.config.components[id]?.type !== type || view.config.components[id]?.role !== "input") continue;
      try {
        view.widgets.get(id).set(value);
      } catch (err) {
        console.warn(`pyinterface: input ${id} could not be restored after the restart (${err.message})`);
      }
    }
  }

  async _boot({ kept = null, notice = null } = {}) {
    const progress = new ProgressPanel();
    // An export page's prerendered UI (tooling/_prerender.py) stays on screen until the live
    // one replaces it (_show); only its loading panel is swapped for the live one now.
    const prerendered = this._root.querySelector(".pyi-progress[data-prerendered]");
    this._prerendered = prerendered !== null;
    if (prerendered) prerendered.replaceWith(progress.element);
    else this._root.replaceChildren(progress.element);
    let stage = "load runtime";
    try {
      const client = sharedClient(); // first: the worker's modules load while the source is read
      this._client = client;
      this._watch(client);
      this._appId = client.newAppId();
      // Before load-app: what the app's code prints while it starts is part of its output.
      this._stopOutput = client.onOutput(this._appId, (stream, text) => this._emit("pyinterface-output", { stream, text }));
      const stylesheet = _adoptStylesheet(this._root);
      stage = "load manifest";
      const source = await resolveSource(this);
      this._source = source; // its URL (and inline code) name the app's flag log
      // gr.load's endpoints: the export flags, overridden by hf-endpoint / hf-inference-endpoint attributes.
      const endpoints = hubEndpoints(source.manifest.hub, (name) => this.getAttribute(name), document.baseURI);
      this._hub = new HubSupport({ appId: this._appId, client, manifestUrl: source.sourceUrl, endpoints }); // token, countdown, help
      this._hub.mountBoot(progress.element);
      let loading = "load runtime"; // the worker's stage, from its progress messages
      const loaded = client.loadApp({
        app: this._appId, runtime: source.runtime, sourceUrl: source.sourceUrl,
        manifest: { ...source.manifest, hub: endpoints }, files: source.files,
        onProgress: (message) => {
          loading = message.stage;
          progress.update(message);
        },
      });
      loaded.catch(() => {}); // awaited below, after the first paint
      let view = null;
      if (source.manifest.config) {
        stage = "show the app";
        await Promise.all([loadViewModules(source.manifest.config), stylesheet]);
        // The examples' outputs computed at export belong to this config: shown on click at once.
        view = this._show(source.manifest.config, source.resolveUrl, progress, source.manifest.cached_outputs);
        this._restoreInputs(view, kept);
      }
      stage = "load runtime";
      this._resolveUrl = source.resolveUrl;
      let config;
      try {
        config = await loaded;
      } finally {
        stage = loading;
      }
      if (!view || canonicalJson(config) !== canonicalJson(source.manifest.config)) {
        if (view) console.warn("pyinterface: the app's live config differs from the one exported with it; showing the live one.");
        stage = "show the app";
        await Promise.all([loadViewModules(config), stylesheet]);
        view = this._show(config, source.resolveUrl, progress);
        this._restoreInputs(view, kept);
      }
      this._attach(view);
      if (notice) view.showNotice(notice);
      if (!this._unloaded) this._stopConfig = client.onConfig(this._appId, (launched) => this._relaunch(launched));
      progress.remove();
      this._setStatus("ready");
      this._settleReady.resolve(this);
      performance.mark("pyinterface:ready", { detail: { app: this._appId } });
    } catch (err) {
      this._showBootError(err, stage);
    }
  }

  /** Make `view` the app's UI: its runs go to the worker (and send the element's events). */
  _attach(view) {
    const client = this._client;
    const send = (event, data, options = {}) => client.event({ app: this._appId, event, data, ...options });
    const run = this._hub.wrapRunner(view, withTimeout(send, view.config.timeout ?? null)); // Interface(timeout=)
    this._run = this._reportingRuns(run);
    this._view = view;
    view.setRunner(this._run);
  }

  /** Console input launched an Interface (`config`): render it in place of the app's UI. */
  _relaunch(config) {
    const previous = this._relaunching;
    this._relaunching = (async () => {
      await previous;
      await loadViewModules(config);
      if (!this._unloaded) this._attach(this._show(config, this._resolveUrl, null));
    })().catch((err) => {
      console.error("pyinterface: could not show the Interface the console launched\n", err);
      this._emit("pyinterface-error", { stage: "show the app", event: null, error: _errorInfo(err) });
    });
  }

  /** `run` that also sends pyinterface-result / pyinterface-error for each run (UI or script). */
  _reportingRuns(run) {
    return async (event, data, options) => {
      try {
        const outputs = await run(event, data, options);
        this._emit("pyinterface-result", { event, inputs: data, outputs });
        return outputs;
      } catch (err) {
        if (err?.type !== "CancelledError") this._emit("pyinterface-error", { stage: null, event, error: _errorInfo(err) });
        throw err;
      }
    };
  }

  /** Render `config` (replacing any earlier UI) below the progress panel (if any). */
  _show(config, resolveUrl, progress, cachedOutputs = null) {
    // shadowRoot: where the app's css= is adopted; standalone: the app owns the page (its body rules colour it).
    const view = new AppView(config, {
      appId: this._appId, resolveUrl, shadowRoot: this._root, standalone: this.hasAttribute("standalone"),
      onRestart: () => this._client.restart("Restart was pressed"), cachedOutputs: cachedOutputs ?? null,
      flagging: config.flagging ? { logKey: flagLogKey(this._source, config.flagging.dir), callback: () => this.flaggingCallback } : null,
    });
    this._shown?.close(); // the UI it replaces stops following the app's flag log
    this._shown = view;
    this._root.replaceChildren(...(progress ? [progress.element] : []), view.element);
    if (config.title && !document.title) document.title = config.title;
    if (!this._painted) {
      this._painted = true;
      // On a prerendered page the UI was on screen before any module ran: its first paint is
      // Chromium's first-contentful-paint, and this mark only says when the live UI took over.
      performance.mark("pyinterface:first-paint", { detail: { app: this._appId, prerendered: this._prerendered } });
    }
    return view;
  }

  _showBootError(err, stage) {
    const failedStage = err?.stage || stage;
    const info = _errorInfo(err);
    const panel = h("div", { class: "pyi-boot-error", role: "alert" },
      h("h2", {}, "This app could not start"),
      h("p", { class: "pyi-boot-stage" }, `Failed while: ${failedStage}`),
      h("p", { class: "pyi-error-message" }, `${info.type}: ${info.message}`));
    if (info.traceback) panel.append(h("pre", { class: "pyi-traceback" }, info.traceback));
    if (err?.type === "PythonStopped" && this._client) {
      panel.append(h("p", {}, h("button", { type: "button", class: "pyi-button pyi-primary pyi-restart",
        onclick: () => this._client.restart("Restart was pressed") }, "Restart")));
    }
    const help = this._hub?.bootHelp(err); // a Hub error: the token field and/or a link
    if (help) panel.append(help);
    this._root.replaceChildren(panel);
    console.error(`pyinterface: the app failed while: ${failedStage}\n`, info.traceback || err);
    this._setStatus("error", info);
    this._emit("pyinterface-error", { stage: failedStage, event: null, error: info });
    this._settleReady.reject(err);
  }

  _setStatus(status, error = undefined) {
    this.dataset.status = status;
    this._emit("pyinterface-status", error ? { status, error } : { status });
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }
}

/** {type, message, traceback} of a worker's or the page's error (a WorkerError of any bridge on the page). */
function _errorInfo(err) {
  const fromWorker = err?.name === "WorkerError";
  return {
    type: fromWorker ? err.type : err?.name || "Error",
    message: err?.message ?? String(err),
    traceback: fromWorker ? err.traceback : null,
  };
}

let _stylesheet = null;

/**
 * pyinterface.css as one constructed stylesheet shared by every app's shadow root: built from
 * the copy a prerendered page carries inline in `root` (no fetch), else fetched once.
 */
function _sharedStylesheet(root) {
  const inline = root.querySelector("style[data-pyinterface-css]");
  if (!_stylesheet && inline) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(inline.textContent);
    _stylesheet = Promise.resolve(sheet);
  }
  _stylesheet ??= (async () => {
    try {
      const response = await fetch(STYLESHEET);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(await response.text());
      return sheet;
    } catch (err) {
      console.warn(`pyinterface: could not load ${STYLESHEET} (${err.message}); the app is shown unstyled.`);
      return null;
    }
  })();
  return _stylesheet;
}

/** Adopt pyinterface.css into `root` (first in its list); never lets a slow stylesheet keep the app from showing. */
async function _adoptStylesheet(root) {
  const sheet = await Promise.race([_sharedStylesheet(root), new Promise((resolve) => setTimeout(() => resolve(null), 2000))]);
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
}
