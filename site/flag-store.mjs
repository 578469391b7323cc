// Where flagged samples are kept: the visitor's browser, one log per app, in IndexedDB (database
// "pyinterface-flagging", store "flags", indexed by app key), so a reload keeps them. Media
// files are stored as Blobs inside each record, not as base64 text.
//
// The app key (flagLogKey) keeps apps apart: the app's manifest or .py URL (an export folder,
// so two exported apps on one origin differ by path), or for inline / mount() code the page's
// address plus a hash of the code; then the app's flagging_dir. Two elements showing the same
// app share its log, as two tabs do; every change is announced to the page's other elements and
// to other tabs (BroadcastChannel), so each "Flagged (N)" stays current.
// Where IndexedDB cannot be opened (a sandboxed frame, private modes that refuse it) the log
// lives in memory until the page closes, and says so (`persistent: false`).

const DB_NAME = "pyinterface-flagging";
const STORE = "flags";
const CHANNEL = "pyinterface-flagging";

/**
 * @typedef {{id?: number, app: string, columns: string[], cells: string[], flag: string, timestamp: string,
 *   files: {path: string, blob: Blob}[], sent?: boolean | null}} FlagRecord
 *   columns/cells: the header and row as log.csv has them; sent: what the page's JS
 *   flaggingCallback made of it (null: no callback; false: it threw).
 */

/** A short stable hash of `text` (cyrb53), to tell inline apps on one page apart. */
export function textHash(text) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/**
 * The key of an app's flag log.
 * @param {{sourceUrl: string, files: {name: string, text?: string}[], manifest: {entry: string, config: object | null}}} source (sources.mjs)
 * @param {string} flaggingDir
 */
export function flagLogKey(source, flaggingDir) {
  const url = new URL(source.sourceUrl);
  url.hash = "";
  const entry = source.files.find((file) => file.name === source.manifest.entry);
  if (typeof entry?.text === "string") { // inline or mounted code: the page's address and the code
    url.search = "";
    return `${url.href}#code=${textHash(entry.text)}|${flaggingDir}`;
  }
  return `${url.href}|${flaggingDir}`;
}

/** Change listeners by app key, for the elements of this page. */
const _listeners = new Map();
let _channel = null;

function _announce(app) {
  for (const listener of _listeners.get(app) ?? []) listener();
  _channel?.postMessage({ app });
}

/** Call `listener()` whenever `app`'s log changes (here or in another tab); returns a function that stops it. */
export function onFlagLogChange(app, listener) {
  if (!_channel && typeof BroadcastChannel === "function") {
    _channel = new BroadcastChannel(CHANNEL);
    _channel.unref?.(); // Node (tests): an open channel must not keep the process alive
    _channel.onmessage = ({ data }) => {
      for (const other of _listeners.get(data?.app) ?? []) other();
    };
  }
  if (!_listeners.has(app)) _listeners.set(app, new Set());
  _listeners.get(app).add(listener);
  return () => _listeners.get(app)?.delete(listener);
}

/** The log in memory: what a page without IndexedDB keeps, and what Node tests use. */
export class MemoryFlagStore {
  constructor() {
    this.persistent = false;
    this._records = new Map();
    this._next = 1;
  }

  async add(record) {
    const id = this._next++;
    this._records.set(id, { ...record, id });
    _announce(record.app);
    return id;
  }

  async update(id, changes) {
    const record = this._records.get(id);
    if (!record) return;
    Object.assign(record, changes);
    _announce(record.app);
  }

  async list(app) {
    return [...this._records.values()].filter((record) => record.app === app).sort((a, b) => a.id - b.id);
  }

  async count(app) {
    return (await this.list(app)).length;
  }

  async remove(app, id) {
    if (this._records.get(id)?.app === app && this._records.delete(id)) _announce(app);
  }

  async clear(app) {
    for (const record of await this.list(app)) this._records.delete(record.id);
    _announce(app);
  }
}

/** The log in IndexedDB. */
export class IndexedDbFlagStore {
  constructor(db) {
    this.persistent = true;
    this._db = db;
  }

  /** Open the database (created on first use); rejects where IndexedDB is refused. */
  static open(indexedDb = globalThis.indexedDB) {
    return new Promise((resolve, reject) => {
      if (!indexedDb) throw new Error("this browser has no IndexedDB");
      const request = indexedDb.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
        store.createIndex("app", "app");
      };
      request.onsuccess = () => resolve(new IndexedDbFlagStore(request.result));
      request.onerror = () => reject(request.error ?? new Error("IndexedDB could not be opened"));
      request.onblocked = () => reject(new Error("IndexedDB is blocked by another tab of this site"));
    });
  }

  _request(mode, run) {
    return new Promise((resolve, reject) => {
      const transaction = this._db.transaction(STORE, mode);
      const result = run(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(result?.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error("the flag could not be stored (IndexedDB aborted; is the disk full?)"));
    });
  }

  async add(record) {
    const id = await this._request("readwrite", (store) => store.add(record));
    _announce(record.app);
    return id;
  }

  async update(id, changes) {
    const record = await this._request("readonly", (store) => store.get(id));
    if (!record) return;
    await this._request("readwrite", (store) => store.put({ ...record, ...changes }));
    _announce(record.app);
  }

  async list(app) {
    const records = await this._request("readonly", (store) => store.index("app").getAll(app));
    return records.sort((a, b) => a.id - b.id);
  }

  async count(app) {
    return this._request("readonly", (store) => store.index("app").count(app));
  }

  async remove(app, id) {
    const record = await this._request("readonly", (store) => store.get(id));
    if (record?.app !== app) return;
    await this._request("readwrite", (store) => store.delete(id));
    _announce(app);
  }

  async clear(app) {
    const ids = await this._request("readonly", (store) => store.index("app").getAllKeys(app));
    await this._request("readwrite", (store) => {
      for (const id of ids) store.delete(id);
    });
    _announce(app);
  }
}

let _store = null;

/** The page's flag store: IndexedDB, else memory (with a console note saying why). */
export function flagStore() {
  _store ??= IndexedDbFlagStore.open().catch((err) => {
    console.warn(`pyinterface: flags are kept in memory until this page closes: ${err?.message ?? err}`);
    return new MemoryFlagStore();
  });
  return _store;
}
