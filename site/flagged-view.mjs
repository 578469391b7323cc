// "Flagged (N)": an app's flagged samples, kept in this browser (flag-store.mjs). N follows the
// log live (this element's flags, another element's or another tab's). Opening it lists the
// rows as log.csv holds them (every cell as text: flagged values are untrusted, never HTML),
// with Download CSV (log.csv, as Gradio's CSVLogger writes it), Download zip when rows have
// media (<flagging_dir>/log.csv with the media folders beside it, fflate), and Delete, per row
// or all (after a confirmation in place).

import { h } from "./dom.mjs";
import { baseName, logCsv, zipPath } from "./flag-log.mjs";
import { onFlagLogChange } from "./flag-store.mjs";

let _ids = 0;

/** Save `blob` as `name`, as a click on a download link would. */
function saveFile(blob, name) {
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // the download holds its own reference by then
}

/** `<dir>/log.csv` and every row's media files as one zip (Uint8Array). */
export async function flagZip(records, dir, fflate) {
  const entries = { [zipPath(`${dir}/log.csv`)]: new TextEncoder().encode(logCsv(records)) };
  for (const record of records) {
    for (const file of record.files) entries[zipPath(file.path)] = new Uint8Array(await file.blob.arrayBuffer());
  }
  return fflate.zipSync(entries, { level: 6 });
}

export class FlaggedView {
  /** @param {{logKey: string, dir: string, store: Promise<object>}} options */
  constructor({ logKey, dir, store }) {
    this._key = logKey;
    this._dir = dir;
    this.store = store;
    this._records = [];
    const id = `pyi-flagged-${++_ids}`;
    this._toggle = h("button", { type: "button", class: "pyi-button pyi-flagged-toggle", "aria-expanded": "false", "aria-controls": id,
      onclick: () => this.setOpen(this._panel.hidden) }, "Flagged (0)");
    this._note = h("p", { class: "pyi-flagged-note" });
    this._csv = h("button", { type: "button", class: "pyi-button", onclick: () => this._download("csv") }, "Download CSV");
    this._zip = h("button", { type: "button", class: "pyi-button", hidden: true, onclick: () => this._download("zip") }, "Download zip");
    this._deleteAll = h("button", { type: "button", class: "pyi-button", onclick: () => this._confirmDelete() }, "Delete all");
    this._confirm = h("p", { class: "pyi-flagged-confirm", role: "alert", hidden: true });
    this._table = h("table", { class: "pyi-flagged-table" });
    this._status = h("p", { class: "pyi-flagged-status", role: "status" });
    this._panel = h("div", { class: "pyi-flagged-view", id, role: "region", "aria-label": "Flagged samples", hidden: true },
      this._note, h("div", { class: "pyi-flagged-actions" }, this._csv, this._zip, this._deleteAll), this._confirm, this._status,
      h("div", { class: "pyi-flagged-scroll" }, this._table));
    this.element = h("div", { class: "pyi-flagging" }, this._toggle, this._panel);
    this._stop = onFlagLogChange(logKey, () => this.refresh());
    this.refresh();
  }

  /** Show or hide the list (it is read from the store when shown). */
  setOpen(open) {
    this._panel.hidden = !open;
    this._toggle.setAttribute("aria-expanded", String(open));
    if (open) this.refresh();
  }

  /** Read the count (and the rows, when the list is open) again. */
  async refresh() {
    const store = await this.store;
    this._note.textContent = store.persistent
      ? "Kept in this browser only: nothing was sent anywhere."
      : "Kept in memory until this page is closed (this browser refused to store them).";
    if (this._panel.hidden) {
      this._setCount(await store.count(this._key));
      return;
    }
    this._records = await store.list(this._key);
    this._setCount(this._records.length);
    this._renderTable();
  }

  _setCount(count) {
    this._toggle.textContent = `Flagged (${count})`;
    this.element.dataset.count = String(count);
    this._csv.disabled = this._deleteAll.disabled = count === 0;
  }

  _renderTable() {
    const records = this._records;
    this._zip.hidden = !records.some((record) => record.files.length);
    this._status.textContent = records.length ? "" : "Nothing flagged yet.";
    if (!records.length) {
      this._table.replaceChildren();
      return;
    }
    const head = h("tr", {}, records[0].columns.map((column) => h("th", { scope: "col" }, column)), h("th", { scope: "col" }, h("span", { class: "pyi-sr-only" }, "Actions")));
    const rows = records.map((record, index) => h("tr", {},
      record.cells.map((cell) => h("td", {}, cell)),
      h("td", {}, record.sent === false ? h("span", { class: "pyi-flagged-unsent" }, "not sent ") : null,
        h("button", { type: "button", class: "pyi-button pyi-small", "aria-label": `Delete flagged row ${index + 1}`,
          onclick: () => this._remove(record.id) }, "Delete"))));
    this._table.replaceChildren(h("thead", {}, head), h("tbody", {}, rows));
  }

  async _remove(id) {
    await (await this.store).remove(this._key, id);
  }

  _confirmDelete() {
    const count = this._records.length;
    const yes = h("button", { type: "button", class: "pyi-button", onclick: async () => {
      this._confirm.hidden = true;
      await (await this.store).clear(this._key);
    } }, "Delete them");
    const no = h("button", { type: "button", class: "pyi-button", onclick: () => { this._confirm.hidden = true; } }, "Keep them");
    this._confirm.replaceChildren(`Delete ${count} flagged row${count === 1 ? "" : "s"} from this browser? `, yes, " ", no);
    this._confirm.hidden = false;
  }

  async _download(kind) {
    const records = await (await this.store).list(this._key);
    if (kind === "csv") {
      saveFile(new Blob([logCsv(records)], { type: "text/csv" }), "log.csv");
      return;
    }
    this._status.textContent = "Preparing the zip…";
    try {
      const fflate = await import("./vendor/fflate/browser.js");
      saveFile(new Blob([await flagZip(records, this._dir, fflate)], { type: "application/zip" }), `${baseName(this._dir)}.zip`);
      this._status.textContent = "";
    } catch (err) {
      this._status.textContent = `The zip could not be made: ${err?.message ?? err}`;
    }
  }

  /** Stop following the log. */
  close() {
    this._stop();
  }
}
