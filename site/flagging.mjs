// An app's flagging, as Gradio 3.50.2 wires it (interface.py attach_flagging_events), with the
// page as the server: config.flagging (pyinterface/_config.py) names the components a flag
// records and the log's folder name.
//   "manual"  one button per flagging option ("Flag", or "Flag as X"); a click shows "Saving…",
//             records the flagged components' current values, then "Saved ✓" until Clear (or
//             the next run) puts its label back;
//   "auto"    Submit records the inputs, with no button;
//   "never"   nothing (config.flagging is null).
// Rows go to the visitor's browser (flag-store.mjs) in the layout of Gradio's log.csv
// (flag-log.mjs), shown by the "Flagged (N)" view (flagged-view.mjs). A host page's JS
// `el.flaggingCallback` (element.mjs, README.md "Flagging") receives each flag after it is
// stored: if it throws, the flag stays in the browser, and the app says so.

import { h } from "./dom.mjs";
import { dataUrlMime, flagRow } from "./flag-log.mjs";
import { flagStore } from "./flag-store.mjs";
import { FlaggedView } from "./flagged-view.mjs";

const SAVED = "Saved ✓";

/** Bytes of a file a flag records: its text, a data URL's content, or an app file fetched. */
export async function fileBlob(file, resolveUrl) {
  if (typeof file.text === "string") return new Blob([file.text], { type: file.type ?? "" });
  const source = file.source;
  if (source.startsWith("data:")) {
    const comma = source.indexOf(",");
    const body = source.slice(comma + 1);
    const bytes = /;base64$/i.test(source.slice(0, comma))
      ? Uint8Array.from(atob(body), (char) => char.charCodeAt(0))
      : new TextEncoder().encode(decodeURIComponent(body));
    return new Blob([bytes], { type: dataUrlMime(source) });
  }
  const url = resolveUrl(source);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not read ${source} for the flag (${response.status} ${response.statusText})`);
  return response.blob();
}

export class Flagging {
  /**
   * @param {object} config the Interface config
   * @param {{widgets: Map<number, {get(): any, settle?(): Promise<void>}>, resolveUrl(value: string): string,
   *   logKey: string, callback(): ((flag: object) => any) | null, showNotice(text: string | null): void}} options
   *   logKey: the app's log (flag-store.mjs flagLogKey); callback: the element's flaggingCallback now.
   */
  constructor(config, { widgets, resolveUrl, logKey, callback, showNotice }) {
    this._config = config;
    this._mode = config.allow_flagging;
    this._ids = config.flagging.components;
    this._dir = config.flagging.dir;
    this._components = this._ids.map((id) => {
      const component = config.components.find((c) => c.id === id);
      return { type: component.type, label: component.props?.label ?? "" };
    });
    this._widgets = widgets;
    this._resolveUrl = resolveUrl;
    this._key = logKey;
    this._callback = callback;
    this._showNotice = showNotice;
    this._buttons = [];
    /** The Flag buttons' row (manual mode), for the outputs panel; null otherwise. */
    this.buttons = null;
    if (this._mode === "manual") {
      this._buttons = config.flagging_options.map(([label, value]) => {
        const button = h("button", { type: "button", class: "pyi-button pyi-flag", dataset: { flagState: "ready" } }, label);
        button.addEventListener("click", () => this.flag(value, button, label).catch(() => {})); // flag() shows its failure
        return button;
      });
      this.buttons = h("div", { class: "pyi-actions pyi-flag-actions" }, this._buttons);
    }
    this.view = new FlaggedView({ logKey, dir: this._dir, store: flagStore() });
    /** The "Flagged (N)" control and its list, for below the panels. */
    this.element = this.view.element;
  }

  /** Submit was clicked: "auto" records the inputs as they are now (Gradio flags on the click). */
  submitted() {
    if (this._mode === "auto") this.flag("", null, "").catch(() => {}); // its failure is shown by flag()
  }

  /** Put every Flag button back to its label (Clear, a new run). */
  reset() {
    this._config.flagging_options.forEach(([label], index) => {
      const button = this._buttons[index];
      if (button && button.dataset.flagState !== "saving") this._settle(button, label, "ready");
    });
  }

  /** Record the flagged components' values with `option`; `button` (manual) shows the progress. */
  async flag(option, button, label) {
    if (button) {
      button.disabled = true;
      button.textContent = "Saving…";
      button.dataset.flagState = "saving";
    }
    let stored = false;
    try {
      await Promise.all(this._ids.map((id) => this._widgets.get(id).settle?.()));
      const values = this._ids.map((id) => this._widgets.get(id).get());
      const date = new Date();
      const row = flagRow(this._components, values, { dir: this._dir, option, date });
      const blobs = await Promise.all(row.files.map((file) => fileBlob(file, this._resolveUrl)));
      const files = row.files.map((file, index) => ({ path: file.path, blob: blobs[index] }));
      const store = await this.view.store;
      const callback = this._callback();
      const id = await store.add({
        app: this._key, columns: row.columns, cells: row.cells, flag: option, timestamp: row.cells.at(-1), files,
        sent: callback ? undefined : null,
      });
      stored = true;
      if (button) this._settle(button, SAVED, "saved");
      if (callback) await this._send(callback, store, id, { row, files, values, option, label, date });
    } catch (err) {
      console.error("pyinterface: flagging failed\n", err);
      if (button) this._settle(button, stored ? SAVED : "Error!", stored ? "saved" : "error");
      if (!stored) this._showNotice(`The flag was not saved: ${err?.message ?? err}`);
      throw err;
    }
  }

  _settle(button, text, state) {
    button.textContent = text;
    button.disabled = false;
    button.dataset.flagState = state;
  }

  /** Hand the stored flag to the host page's callback; a failure keeps it here and says so. */
  async _send(callback, store, id, { row, files, values, option, label, date }) {
    const flag = {
      columns: row.columns, row: row.cells, option, label, mode: this._mode, timestamp: row.cells.at(-1), date,
      values, files: Object.fromEntries(files.map((file) => [file.path, file.blob])),
    };
    try {
      await callback(flag);
      await store.update(id, { sent: true });
    } catch (err) {
      console.error("pyinterface: the page's flaggingCallback failed; the flag is kept in this browser\n", err);
      await store.update(id, { sent: false });
      this._showNotice(`The flag is saved in this browser, but sending it failed: ${err?.message ?? err}. ` +
        "It is listed under Flagged, where you can download it.");
    }
  }

  /** Stop following the log (the app's UI was replaced). */
  close() {
    this.view.close();
  }
}
