// One app's UI, built from its Interface config: title and description, the input panel with
// Clear / Submit, the output panel with the busy indicator and the error box, Interpret,
// examples and the article. It knows nothing about workers: it is given `run(event, data)`
// once Python is ready, and clicks made before that wait for it (Submit is queued).
// A run going on for over a second offers Cancel; its buttons come back only when the run has
// really ended (the worker acknowledged the cancel, or was restarted), so no new work queues
// behind cancelled work. A failed run leaves the previous outputs marked "(from the previous
// run)"; a new run first clears the previous run's error.
// With cache_examples=True a click on an example shows its cached outputs instead of running fn
// (site/cached-examples.mjs), even before Python is ready.
// Its component renderers are imported per app: `await loadViewModules(config)`, then
// `new AppView(config, …)` renders synchronously.

import { adoptAppCss } from "./app-css.mjs";
import { exampleCache } from "./cached-examples.mjs";
import { cancelledError } from "./client.mjs";
import { h } from "./dom.mjs";
import { renderExamples } from "./examples.mjs";
import { renderMarkdown } from "./markdown.mjs";
import { loadRenderers, renderComponent } from "./components/index.mjs";
import { CANCEL_AFTER_MS } from "./run-control.mjs";
import { adoptTheme } from "./theme.mjs";

export const CONFIG_VERSION = 1;
const LIVE_DELAY_MS = 150;
const CLEARED = "Clear was pressed";
/** Why a run is cancelled when a cached example is shown: its outputs would be the old inputs'. */
const PICKED = "a cached example was shown";
/** Errors shown as their message alone: gr.Error, and what the page says about Python itself (client.mjs). */
const PLAIN_TYPES = new Set(["Error", "PythonStopped", "PythonRestarted"]);

/** Throw unless this page can render `config` (its schema version names both versions). */
export function checkConfig(config) {
  if (!config || typeof config !== "object" || !Array.isArray(config.components)) {
    throw new Error(`the app's config is not an Interface config (got ${JSON.stringify(config)?.slice(0, 80)}).`);
  }
  if (config.version !== CONFIG_VERSION) {
    throw new Error(
      `the app's config has schema version ${config.version}, but this page renders version ${CONFIG_VERSION}: ` +
        "export the app again with the same pyinterface version as its page.",
    );
  }
}

/** interpretation.mjs, imported by the first app that has an Interpret button. */
let _interpretation = null;
/** flagging.mjs, imported by the first app that flags (config.flagging). */
let _flagging = null;

/** Check `config` and import the modules its UI needs (renderers, interpretation); then AppView can render it. */
export async function loadViewModules(config) {
  checkConfig(config);
  await Promise.all([
    loadRenderers(config.components.map((component) => component.type)),
    config.interpretation && !_interpretation ? import("./interpretation.mjs").then((module) => { _interpretation = module; }) : null,
    config.flagging && !_flagging ? import("./flagging.mjs").then((module) => { _flagging = module; }) : null,
  ]);
}

export class AppView {
  /**
   * @param {object} config the Interface config (pyinterface/_config.py)
   * @param {{ appId: string, resolveUrl(value: string): string, shadowRoot: ShadowRoot, standalone: boolean, onRestart?: () => void }} options
   *   shadowRoot: where the app renders, which adopts the app's css=; standalone: the app owns
   *   the page, so its css= rules for `body`/`html`/`:root` style the page too (site/app-css.mjs);
   *   onRestart: what the Restart button next to a "Python stopped" error does;
   *   cachedOutputs: the examples' outputs computed at export (the manifest's "cached_outputs"),
   *   for a config with examples.cache (others are cached on their first click);
   *   flagging: {logKey, callback()} for a config that flags: the app's log in this browser
   *   (site/flag-store.mjs flagLogKey) and the host page's JS callback now (element.mjs).
   */
  constructor(config, { appId, resolveUrl, shadowRoot, standalone = false, onRestart = null, cachedOutputs = null, flagging = null }) {
    checkConfig(config);
    this.config = config;
    this._appId = appId;
    this._resolveUrl = resolveUrl;
    this._events = Object.fromEntries(config.events.map((event) => [event.name, event]));
    this._runner = null;
    this._whenReady = new Promise((resolve) => {
      this._becomeReady = resolve;
    });
    this._running = false;
    this._again = false;
    this._controller = null; // the running event's: Cancel, Clear and the timeout abort it
    this._onRestart = onRestart;
    this._hasOutputs = false; // a run has filled the outputs (they can go stale)
    this._staleNotes = new Map(); // output id -> its "(from the previous run)" note
    this._liveTimer = null;
    this._flagOptions = flagging;
    this._exampleCache = exampleCache(config, cachedOutputs); // null: clicks fill the inputs only
    this.widgets = new Map();
    this.element = this._build();
    // Gradio 3 applied css= as is; here it is scoped to the app, with `file=` urls resolved.
    adoptTheme(shadowRoot, config.theme ?? null); // Interface(theme=): its --pyi-* properties (theme.mjs)
    adoptAppCss(shadowRoot, config.css ?? "", { baseURL: resolveUrl("./"), resolveUrl, standalone });
  }

  /** Stop following what lives outside the view (the app's flag log): the element replaced or unloaded it. */
  close() {
    this._flagging?.close();
  }

  /**
   * Python is ready: `run(event, data, {onProgress, signal})` resolves with the outputs or
   * rejects with a WorkerError (type "CancelledError" once `signal` is aborted).
   */
  setRunner(run) {
    this._runner = run;
    this._becomeReady();
    this.element.dataset.ready = "true";
    if (this._events.predict?.trigger === "load") this.run("predict");
  }

  // -- layout -----------------------------------------------------------------------------

  _build() {
    const { config } = this;
    const root = h("div", { class: "pyi-app", dataset: { mode: config.mode } });
    if (config.title) root.append(h("h1", { class: "pyi-title" }, config.title));
    if (config.description) root.append(h("div", { class: "pyi-description pyi-prose" }, renderMarkdown(config.description, { resolveUrl: this._resolveUrl, remoteImageHosts: config.remote_image_hosts })));

    const byId = new Map(config.components.map((component) => [component.id, component]));
    this._byId = byId;
    const inputs = h("div", { class: "pyi-panel pyi-inputs" });
    const outputs = h("div", { class: "pyi-panel pyi-outputs" });
    for (const id of config.layout.inputs) inputs.append(this._render(byId.get(id)));
    this._status = h("p", { class: "pyi-run-status", role: "status", hidden: true });
    this._cancel = h("button", { type: "button", class: "pyi-button pyi-cancel", hidden: true, onclick: () => this.cancel() }, "Cancel");
    this._notice = h("p", { class: "pyi-run-notice", role: "status", hidden: true });
    this._error = h("div", { class: "pyi-run-error", role: "alert", hidden: true });
    for (const id of config.layout.outputs) outputs.append(this._render(byId.get(id)));
    outputs.append(this._status, this._cancel, this._notice, this._error);

    const inputOnly = config.layout.outputs.length === 0;
    const outputOnly = config.layout.inputs.length === 0;
    const clear = h("button", { type: "button", class: "pyi-button", onclick: () => this.clear() }, "Clear");
    // Gradio 3.50: "Generate" for an output-only Interface; no Submit when live with inputs.
    this._submit = h("button", { type: "button", class: "pyi-button pyi-primary", onclick: () => {
      this._flagging?.submitted(); // allow_flagging="auto": Submit flags the inputs, as Gradio's click does
      this.run("predict");
    } },
      outputOnly ? "Generate" : "Submit");
    const showSubmit = !config.live || outputOnly;
    const buttons = h("div", { class: "pyi-actions" }, clear, showSubmit ? this._submit : null);
    (outputOnly ? outputs : inputs).append(buttons);
    if (config.interpretation) {
      this._interpret = h("button", { type: "button", class: "pyi-button", onclick: () => this.run("interpret") }, "Interpret");
      outputs.append(h("div", { class: "pyi-actions" }, this._interpret));
      if (!_interpretation) throw new Error("interpretation.mjs is not loaded: await loadViewModules(config) before new AppView(config).");
      this._interpretation = new _interpretation.InterpretationPanel({ resolveUrl: this._resolveUrl });
      inputs.append(this._interpretation.element);
    }
    if (config.flagging) this._buildFlagging(outputs);
    this._outputs = outputs;

    const panels = h("div", { class: "pyi-panels" });
    if (!outputOnly) panels.append(inputs);
    if (!inputOnly || outputOnly) panels.append(outputs);
    if (inputOnly) inputs.append(this._status, this._cancel, this._notice, this._error);
    root.append(panels);
    if (this._flagging) root.append(this._flagging.element);
    if (config.examples) {
      root.append(renderExamples(config.examples, byId, { resolveUrl: this._resolveUrl, onPick: (sample, index) => this.fillExample(sample, index) }));
    }
    if (config.article) root.append(h("div", { class: "pyi-article pyi-prose" }, renderMarkdown(config.article, { resolveUrl: this._resolveUrl, remoteImageHosts: config.remote_image_hosts })));
    return root;
  }

  /** Flag buttons (manual) under the outputs, and the "Flagged (N)" view (site/flagging.mjs). */
  _buildFlagging(outputs) {
    if (!_flagging) throw new Error("flagging.mjs is not loaded: await loadViewModules(config) before new AppView(config).");
    if (!this._flagOptions) throw new Error("a config that flags needs AppView's flagging option ({logKey, callback}).");
    const { logKey, callback } = this._flagOptions;
    this._flagging = new _flagging.Flagging(this.config, {
      widgets: this.widgets, resolveUrl: this._resolveUrl, logKey, callback, showNotice: (text) => this.showNotice(text),
    });
    if (this._flagging.buttons) outputs.append(this._flagging.buttons);
  }

  _render(component) {
    const ctx = {
      uid: (suffix) => `pyi-${this._appId}-${component.id}-${suffix}`,
      resolveUrl: this._resolveUrl, remoteImageHosts: this.config.remote_image_hosts, // for sanitize.mjs
      changed: () => {
        if (component.role !== "input") return;
        this._exampleCache?.edited(); // the next run is not the clicked example's
        this._changed();
      },
      submit: () => !this.config.live && this.run("predict"),
    };
    const widget = renderComponent(component, ctx);
    this.widgets.set(component.id, widget);
    return widget.element;
  }

  // -- actions ----------------------------------------------------------------------------

  _changed() {
    if (this._events.predict?.trigger !== "change") return;
    clearTimeout(this._liveTimer);
    this._liveTimer = setTimeout(() => this.run("predict"), LIVE_DELAY_MS);
  }

  /**
   * Example `index` (its `sample` of input values) was clicked: fill the inputs. With cached
   * examples, show its outputs too without running fn, or (not cached yet) run fn once to cache them.
   */
  fillExample(sample, index = null) {
    const cached = this._exampleCache?.get(index);
    if (cached) this.cancel(PICKED); // a run on the previous inputs must not overwrite these outputs
    this.config.examples.inputs.forEach((id, i) => this.widgets.get(id)?.set(sample[i]));
    if (cached) this._showCached(cached);
    else if (!this._exampleCache) this._changed();
    else {
      this._exampleCache.pick(index);
      if (this._events.predict?.trigger === "change") this._changed();
      else this.run("predict");
    }
  }

  /** Show a cached example's outputs as a run's, with nothing stale and no run's messages left. */
  _showCached(outputs) {
    clearTimeout(this._liveTimer);
    this._again = false;
    this._setOutputs(outputs, "cached-example"); // not a run's outputs (tests tell the two apart)
    this._interpretation?.clear();
    this._showError(null);
    this.showNotice(null);
    this._flagging?.reset(); // a new sample: the Flag buttons read "Flag" again
  }

  /** Show predict's `outputs`, fresh; `shown` says where they came from ("run", "cached-example"). */
  _setOutputs(outputs, shown) {
    this._events.predict.outputs.forEach((id, index) => this.widgets.get(id).set(outputs[index]));
    this.element.dataset.shown = shown;
    this._hasOutputs = true;
    this._markStale(false);
  }

  /** Clear inputs, outputs and messages; a running event is cancelled (Submit returns once it has stopped). */
  clear() {
    this.cancel(CLEARED);
    this._again = false;
    this._exampleCache?.edited();
    this._flagging?.reset(); // Gradio's Clear resets the Flag buttons
    for (const component of this.config.components) {
      this.widgets.get(component.id).set(component.role === "input" ? component.props.value : null);
    }
    this._hasOutputs = false;
    this._markStale(false);
    this._interpretation?.clear();
    this._showError(null);
    this.showNotice(null);
  }

  /**
   * Ask the running event to stop (`reason`: a phrase, kept if Python must be restarted). Its
   * buttons stay disabled until it has: the worker acknowledges, or client.mjs restarts it.
   */
  cancel(reason = "Cancel was pressed") {
    const controller = this._controller;
    if (!controller || controller.signal.aborted) return;
    controller.abort(reason);
    this._cancel.disabled = true;
    this._status.textContent = "Cancelling…";
  }

  /** Run an event of the config; one at a time (a live change during a run runs once more after it). */
  async run(name) {
    const event = this._events[name];
    if (!event) return;
    if (this._running) {
      this._again = name === "predict";
      return;
    }
    this._running = true;
    this._showError(null); // the previous run's error goes as this one starts
    this.showNotice(null);
    const controller = new AbortController();
    this._controller = controller;
    this._setBusy(true);
    if (name === "predict") this._flagging?.reset(); // a new sample: the Flag buttons read "Flag" again
    const offerCancel = name === "predict" ? setTimeout(() => {
      if (this._controller === controller && this._runner) this._cancel.hidden = false;
    }, CANCEL_AFTER_MS) : null; // Interpret's panel has its own Cancel
    try {
      if (!this._runner) {
        await this._whenReady; // a click before Python is ready waits here (Submit is queued)
        this._status.textContent = "Running…";
      }
      await Promise.all(event.inputs.map((id) => this.widgets.get(id).settle?.()));
      if (controller.signal.aborted) throw cancelledError(); // Clear before it was sent
      const data = event.inputs.map((id) => this.widgets.get(id).get());
      const example = name === "predict" ? this._exampleCache?.take() ?? null : null; // a lazily cached example's run
      const options = name === "interpret"
        ? this._interpretation.begin({ signal: controller.signal, onCancel: () => this.cancel() })
        : { signal: controller.signal };
      const outputs = await this._runner(name, data, options);
      if (controller.signal.aborted) throw cancelledError(); // finished as the cancel went out: still cancelled
      if (name === "predict") {
        this._setOutputs(outputs, "run");
        this._exampleCache?.store(example, outputs);
      } else this._interpretation.show(event.outputs.map((id) => this._byId.get(id)), outputs);
      this._showError(null);
    } catch (err) {
      const cancelled = err?.type === "CancelledError";
      const quiet = controller.signal.reason === CLEARED || controller.signal.reason === PICKED; // nothing to say
      if (name === "predict" && !quiet) this._markStale(true);
      if (name === "interpret" && !quiet) this._interpretation.fail(err); // a cancel is said in its panel
      else if (cancelled && !quiet) this.showNotice("Cancelled.");
      this._showError(cancelled || quiet ? null : err);
    } finally {
      clearTimeout(offerCancel);
      this._controller = null;
      this._running = false;
      this._setBusy(false);
      if (this._again) {
        this._again = false;
        this.run("predict");
      }
    }
  }

  /** Mark the outputs as the previous run's (a run failed) or not; only outputs a run filled. */
  _markStale(stale) {
    const on = stale && this._hasOutputs;
    for (const id of this.config.layout.outputs) {
      const element = this.widgets.get(id).element;
      element.classList.toggle("pyi-stale", on);
      if (on) element.setAttribute("aria-disabled", "true");
      else element.removeAttribute("aria-disabled");
      const note = this._staleNotes.get(id);
      if (on && !note) {
        const added = h("p", { class: "pyi-stale-note" }, "(from the previous run)");
        element.before(added);
        this._staleNotes.set(id, added);
      } else if (!on && note) {
        note.remove();
        this._staleNotes.delete(id);
      }
    }
  }

  /** A sentence about the app's runs that is not an error (Cancelled, Python restarted); null hides it. */
  showNotice(text) {
    this._notice.hidden = !text;
    this._notice.textContent = text ?? "";
  }

  /** Show `error` as a run's error (the worker stopped while this app was idle, say). */
  showError(error) {
    this._showError(error);
  }

  _setBusy(busy) {
    this._submit.disabled = busy;
    if (this._interpret) this._interpret.disabled = busy;
    this._cancel.hidden = true;
    this._cancel.disabled = false;
    this._status.hidden = !busy;
    this._status.textContent = busy ? (this._runner ? "Running…" : "Waiting for Python to finish loading…") : "";
    this.element.dataset.busy = String(busy);
    for (const region of this._outputs.querySelectorAll('[role="region"]')) region.setAttribute("aria-busy", String(busy));
  }

  /** Show a run's error next to the outputs (null hides it). gr.Error shows its message only. */
  _showError(error) {
    this._error.hidden = !error;
    if (!error) {
      this._error.replaceChildren();
      return;
    }
    const type = error.type ?? error.name ?? "Error";
    const text = PLAIN_TYPES.has(type) ? error.message : `${type}: ${error.message}`;
    this._error.replaceChildren(h("strong", { class: "pyi-error-title" }, "Error"), h("p", { class: "pyi-error-message" }, text));
    if (error.traceback) {
      this._error.append(h("details", { class: "pyi-traceback" }, h("summary", {}, "Traceback"), h("pre", {}, error.traceback)));
    }
    if (error.type === "PythonStopped" && this._onRestart) {
      const restart = h("button", { type: "button", class: "pyi-button pyi-primary pyi-restart", onclick: () => {
        restart.disabled = true;
        this._onRestart();
      } }, "Restart");
      this._error.append(h("p", { class: "pyi-restart-help" }, restart,
        " starts Python again and loads every app on this page; what Python held is lost, your inputs are kept."));
    }
  }
}
