// <pyinterface-app src="app/manifest.json" [runtime="pyodide/"]>: one app on the page.
// For gr.load, [hf-endpoint="…"] [hf-inference-endpoint="…"] override the exported endpoints (site/hub.mjs).
//
// Boot, as the element sees it:
//   1. fetch the manifest; if it holds a precomputed config, render the UI from it at once
//      (inputs usable, Submit queued) and mark `pyinterface:first-paint`;
//   2. ask the page's worker to load the app (progress shown throughout);
//   3. render from the live config if it differs, hand the UI its runner, mark `pyinterface:ready`.
// `data-status` is "loading", then "ready" or "error"; on error the panel says which stage
// failed and shows Python's traceback.

import { AppView } from "./app.mjs";
import { WorkerError, sharedClient } from "./client.mjs";
import { canonicalJson, h } from "./dom.mjs";
import { HubSupport, hubEndpoints } from "./hub.mjs";
import { ProgressPanel } from "./progress.mjs";

const STYLESHEET = new URL("./pyinterface.css", import.meta.url).href;
const DEFAULT_RUNTIME = new URL("../pyodide/", import.meta.url).href;
let _count = 0;

export class PyinterfaceAppElement extends HTMLElement {
  connectedCallback() {
    if (this._started) return;
    this._started = true;
    this._appId = `app${++_count}`;
    this._painted = false;
    this.dataset.status = "loading";
    this._boot();
  }

  async _boot() {
    const progress = new ProgressPanel();
    this.replaceChildren(progress.element);
    let stage = "load manifest";
    try {
      await _ensureStylesheet();
      const src = this.getAttribute("src");
      if (!src) throw new Error('<pyinterface-app> needs a src attribute: the URL of the app\'s manifest.json, e.g. src="app/manifest.json".');
      const manifestUrl = new URL(src, document.baseURI).href;
      const runtime = _folderUrl(this.getAttribute("runtime") ? new URL(this.getAttribute("runtime"), document.baseURI).href : DEFAULT_RUNTIME);
      const manifest = _checkManifest(await _fetchManifest(manifestUrl), manifestUrl);
      // gr.load's endpoints: the export flags, overridden by hf-endpoint / hf-inference-endpoint attributes.
      const endpoints = hubEndpoints(manifest.hub, (name) => this.getAttribute(name), document.baseURI);
      const resolveUrl = (value) => (/^(data|blob):/.test(value) ? value : new URL(value, manifestUrl).href);
      let view = null;
      if (manifest.config) {
        view = this._show(manifest.config, resolveUrl, progress);
      }
      stage = "load runtime";
      const client = sharedClient();
      this._hub = new HubSupport({ appId: this._appId, client, manifestUrl, endpoints }); // token, countdown, help
      this._hub.mountBoot(progress.element);
      const config = await client.loadApp({
        app: this._appId, runtime, manifestUrl, manifest: { ...manifest, hub: endpoints },
        onProgress: (message) => {
          stage = message.stage;
          progress.update(message);
        },
      });
      if (!view || canonicalJson(config) !== canonicalJson(manifest.config)) {
        if (view) console.warn("pyinterface: the app's live config differs from the one exported with it; showing the live one.");
        view = this._show(config, resolveUrl, progress);
      }
      view.setRunner(this._hub.wrapRunner(view, (event, data, options = {}) => client.event({ app: this._appId, event, data, ...options })));
      progress.remove();
      this.dataset.status = "ready";
      performance.mark("pyinterface:ready", { detail: { app: this._appId } });
    } catch (err) {
      this._showBootError(err, stage);
    }
  }

  /** Render `config` (replacing any earlier UI) below the progress panel. */
  _show(config, resolveUrl, progress) {
    const view = new AppView(config, { appId: this._appId, resolveUrl });
    this.replaceChildren(progress.element, view.element);
    if (config.title && !document.title) document.title = config.title;
    if (!this._painted) {
      this._painted = true;
      performance.mark("pyinterface:first-paint", { detail: { app: this._appId } });
    }
    return view;
  }

  _showBootError(err, stage) {
    const failedStage = err instanceof WorkerError && err.stage ? err.stage : stage;
    const type = err instanceof WorkerError ? err.type : err.name || "Error";
    const panel = h("div", { class: "pyi-boot-error", role: "alert" },
      h("h2", {}, "This app could not start"),
      h("p", { class: "pyi-boot-stage" }, `Failed while: ${failedStage}`),
      h("p", { class: "pyi-error-message" }, `${type}: ${err.message}`));
    if (err.traceback) panel.append(h("pre", { class: "pyi-traceback" }, err.traceback));
    const help = this._hub?.bootHelp(err); // a Hub error: the token field and/or a link
    if (help) panel.append(help);
    this.replaceChildren(panel);
    this.dataset.status = "error";
    console.error(`pyinterface: the app failed while: ${failedStage}\n`, err.traceback || err);
  }
}

function _folderUrl(url) {
  return url.endsWith("/") ? url : `${url}/`;
}

async function _fetchManifest(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    const hint = location.protocol === "file:" ? " Pages opened from file:// cannot fetch files: serve the folder (e.g. `python -m http.server`)." : "";
    throw new Error(`cannot fetch the app manifest ${url} (${err.message}).${hint}`);
  }
  if (!response.ok) {
    throw new Error(
      `cannot fetch the app manifest ${url}: ${response.status} ${response.statusText}. The src attribute of ` +
        "<pyinterface-app> must point to the manifest.json written by `pyinterface export`.",
    );
  }
  try {
    return await response.json();
  } catch (err) {
    throw new Error(`the app manifest ${url} is not JSON (${err.message}).`);
  }
}

function _checkManifest(manifest, url) {
  const problem = (field, expected) => new Error(
    `the app manifest ${url}: "${field}" must be ${expected}, got ${JSON.stringify(manifest?.[field])?.slice(0, 80)}. Export the app again.`,
  );
  if (!manifest || typeof manifest !== "object") throw new Error(`the app manifest ${url} must be a JSON object.`);
  if (typeof manifest.entry !== "string" || !manifest.entry) throw problem("entry", "the app's file name, e.g. \"app.py\"");
  if (!Array.isArray(manifest.files) || !manifest.files.every((f) => typeof f === "string")) throw problem("files", "a list of paths");
  if (!Array.isArray(manifest.packages ?? []) || !(manifest.packages ?? []).every((p) => typeof p === "string")) {
    throw problem("packages", "a list of package names");
  }
  if (manifest.config !== undefined && manifest.config !== null && typeof manifest.config !== "object") throw problem("config", "an object or null");
  return { ...manifest, packages: manifest.packages ?? [], config: manifest.config ?? null };
}

let _stylesheet = null;

/** Add pyinterface.css to the page unless it is there already; resolves when it has loaded. */
function _ensureStylesheet() {
  _stylesheet ??= (() => {
    const present = [...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === STYLESHEET);
    if (present) return Promise.resolve();
    const link = h("link", { rel: "stylesheet", href: STYLESHEET });
    const loaded = new Promise((resolve) => {
      link.addEventListener("load", resolve);
      link.addEventListener("error", () => {
        console.warn(`pyinterface: could not load ${STYLESHEET}; the app is shown unstyled.`);
        resolve();
      });
    });
    document.head.append(link);
    // Never let a slow stylesheet keep the app from showing.
    return Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 2000))]);
  })();
  return _stylesheet;
}
