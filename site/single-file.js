// The loader of a single-file export (`pyinterface export app.py --single-file app.html`): one
// HTML file that runs its app opened from disk (file://), with no server and no network.
//
// The file carries every file an export folder would hold (the bridge's modules and
// stylesheet, the Pyodide runtime, the wheels, the app's files) as base64 data blocks,
//   <script type="application/octet-stream" data-file="pyodide/pyodide.asm.wasm" data-type="application/wasm" data-gzip>…</script>
//   <script>globalThis[Symbol.for("pyinterface.single-file")].take(document.currentScript)</script>
// gzip-compressed at export when that makes them smaller; the browser's
// DecompressionStream("gzip") unpacks them. This classic script comes before the blocks and
// runs twice: in the page, and as the page's worker. The page starts the worker at once and
// hands it each block as soon as it is parsed (the runtime's blocks come first), so the worker
// unpacks and compiles the runtime while the rest of the file is still being read.
//
// Why it is built this way (Chromium 156, file:// pages):
//   - module scripts are not loaded from file://, but `import(blobUrl)` works: each module, its
//     relative imports rewritten at export into "pyinterface-single-file:<name>" markers
//     (pyinterface/tooling/_singlefile/_modules.py), becomes a blob URL, leaves first, each
//     marker replaced by the blob URL of the module it names;
//   - module Blob workers fail but classic Blob workers start, and a worker may import only
//     the blob URLs it made itself: so the worker is this script again, as a classic Blob
//     worker, and the page posts it the packed bytes (the runtime's transferred, not copied);
//   - a blob URL is no base for relative URLs, so modules say where they are with a virtual
//     URL (import.meta.url became "https://single-file.pyinterface.invalid/pyinterface/x.mjs"),
//     and `fetch` of that host is answered here from the packed bytes, in the page and in the
//     worker, without a request (waiting for a block not parsed yet). Pyodide loads
//     pyodide.asm.js with importScripts, which is sent to a blob URL the same way, and its wasm
//     streams in as application/wasm;
//   - file:// pages have no usable Cache Storage, so the worker boots without a memory
//     snapshot (worker.mjs makes and restores one only where `caches` exists).
//
// What the bridge asks of this script goes through one registry, globalThis[KEY]:
//   page:   startWorker() (client.mjs: the worker started here), pageUrl(url) (sources.mjs:
//           a packed app file's URL -> a blob URL an <img> can show), take(script) (the blocks)
//   worker: moduleUrl(url) (worker.mjs: the blob URL of a packed module, pyodide.mjs)

(function () {
  "use strict";

  const KEY = Symbol.for("pyinterface.single-file");
  const MARKER = /(["'])pyinterface-single-file:([^"']+)\1/g;
  /** The worker's message constructors (makeStartRuntime). */
  const PROTOCOL = "pyinterface/protocol.mjs";

  /**
   * The packed files by name ("pyodide/pyodide.asm.wasm"), served under the virtual `base` URL.
   * `names` are every file the export packed; each one's bytes arrive with add(), and reading
   * one that has not arrived yet waits for it.
   */
  class Pack {
    /** @param {string} base  @param {string[]} names */
    constructor(base, names) {
      this.base = base;
      this.names = new Set(names);
      /** name -> {promise, resolve} of its entry {name, type, gzip, bytes} (bytes gzip-compressed when gzip) */
      this._entries = new Map();
      /** name -> its entry, once it arrived */
      this._settled = new Map();
    }

    _slot(name) {
      if (!this._entries.has(name)) {
        let resolve;
        const promise = new Promise((done) => {
          resolve = done;
        });
        this._entries.set(name, { promise, resolve });
      }
      return this._entries.get(name);
    }

    add(entry) {
      this._settled.set(entry.name, entry);
      this._slot(entry.name).resolve(entry);
    }

    /** The packed file's name for `url` under the base (null for any other URL). */
    nameOf(url) {
      if (!url.startsWith(this.base)) return null;
      return decodeURIComponent(url.slice(this.base.length).split(/[?#]/)[0]);
    }

    /** The file as a response whose body is unpacked as it is read; 404 for a file the export has not. */
    async response(name) {
      if (!this.names.has(name)) return new Response(`${name} is not in this single-file export`, { status: 404, statusText: "Not Found" });
      const entry = await this._slot(name).promise;
      const body = new Blob([entry.bytes]).stream();
      const unpacked = entry.gzip ? body.pipeThrough(new DecompressionStream("gzip")) : body;
      return new Response(unpacked, { status: 200, headers: { "content-type": entry.type } });
    }

    async blob(name) {
      const response = await this.response(name);
      return new Blob([await response.blob()], { type: response.headers.get("content-type") });
    }

    async text(name) {
      return (await this.response(name)).text();
    }

    /** The bytes of a file packed uncompressed, now: null when it is gzipped or has not arrived. */
    bytesNow(name) {
      const entry = this._settled.get(name);
      return entry && !entry.gzip ? entry.bytes : null;
    }
  }

  /**
   * Answer synchronous XMLHttpRequests of the pack's URLs: Python imports the rest of the stdlib
   * with one (an import cannot wait for a promise; pyinterface/tooling/runtime/_stdlib_more_finder.py),
   * and the export packs what it reads that way uncompressed.
   */
  function serveSyncRequests(pack) {
    const Real = globalThis.XMLHttpRequest;
    globalThis.XMLHttpRequest = class XMLHttpRequest extends Real {
      open(method, url, ...rest) {
        this._packed = pack.nameOf(String(url));
        if (this._packed === null) super.open(method, url, ...rest);
      }

      send(body) {
        if (this._packed === null) return super.send(body);
        this._bytes = pack.bytesNow(this._packed);
        return undefined;
      }

      get status() {
        if (this._packed == null) return super.status;
        return this._bytes ? 200 : 404;
      }

      get response() {
        return this._packed == null ? super.response : this._bytes?.slice().buffer ?? null;
      }
    };
  }

  /** Answer `fetch` of the pack's virtual URLs from the pack; any other URL goes to the real fetch. */
  function serveFetch(pack) {
    const realFetch = globalThis.fetch.bind(globalThis);
    globalThis.fetch = function fetch(input, init) {
      const url = input instanceof Request ? input.url : String(input);
      const name = pack.nameOf(url);
      return name === null ? realFetch(input, init) : pack.response(name);
    };
  }

  /**
   * Blob URLs of the modules `names` (leaves first, as the export ordered them), each one's
   * markers replaced by the blob URLs of the modules it imports. Returns name -> blob URL.
   */
  async function moduleUrls(pack, names) {
    const sources = await Promise.all(names.map((name) => pack.text(name)));
    const urls = new Map();
    names.forEach((name, index) => {
      const source = sources[index].replace(MARKER, (_, quote, target) => {
        if (!urls.has(target)) throw new Error(`${name} imports ${target}, which is not packed before it; export the app again.`);
        return JSON.stringify(urls.get(target));
      });
      urls.set(name, URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    });
    return urls;
  }

  function decodeBase64(text) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  // -- the page -------------------------------------------------------------------------------

  function startPage(loaderSource) {
    performance.mark("pyinterface:single-file:start");
    const index = JSON.parse(document.getElementById("pyinterface-single-file").textContent);
    const pageFiles = new Set([...index.page, ...index.pageFiles]);
    const workerFiles = new Set(index.worker);
    const forWorker = (name) => name.startsWith("pyodide/") || name.startsWith("app/") || workerFiles.has(name);
    const pack = new Pack(index.base, index.files.filter((name) => pageFiles.has(name) || name.startsWith("app/")));
    serveFetch(pack);

    // The worker first, before any block is parsed; the blocks follow on their own channel.
    const workerUrl = URL.createObjectURL(new Blob([loaderSource], { type: "text/javascript" }));
    const worker = new Worker(workerUrl);
    const blocks = new MessageChannel();
    const init = { base: index.base, files: index.files.filter(forWorker), modules: index.worker, entry: index.workerEntry, start: index.start };
    worker.postMessage(init, [blocks.port2]);
    // A Worker drops the messages nobody listens to: until client.mjs takes it, they are kept.
    const early = [];
    const keep = (event) => early.push(event);
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    const handOver = () => {
      worker.removeEventListener("message", keep);
      worker.removeEventListener("error", keep);
      // A microtask: after the client's constructor added its listeners, before any other message.
      queueMicrotask(() => {
        for (const event of early.splice(0)) {
          worker.dispatchEvent(event.type === "message" ? new MessageEvent("message", { data: event.data }) : new ErrorEvent("error", { message: event.message }));
        }
      });
      return { worker, blobUrl: workerUrl };
    };

    /** Called by the script after each data block: the page keeps what it reads, the worker gets the rest. */
    const take = (script) => {
      const block = script.previousElementSibling;
      const name = block.dataset.file;
      let bytes;
      try {
        bytes = decodeBase64(block.textContent);
      } catch (err) {
        showFailure(new Error(`its copy of ${name} is damaged (${err.message}); export the app again`));
        return;
      }
      const entry = { name, type: block.dataset.type, gzip: block.hasAttribute("data-gzip"), bytes };
      block.remove(); // its text is a copy nobody needs any more
      script.remove();
      const mine = pack.names.has(name);
      if (mine) pack.add(entry);
      if (forWorker(name)) blocks.port1.postMessage(entry, mine ? [] : [entry.bytes.buffer]); // only the worker reads the runtime: moved
    };

    const appUrls = new Map();
    globalThis[KEY] = { base: index.base, take, startWorker: handOver, pageUrl: (url) => appUrls.get(pack.nameOf(url)) ?? url };
    document.addEventListener("DOMContentLoaded", async () => {
      try {
        performance.mark("pyinterface:single-file:parsed");
        const appNames = [...pack.names].filter((name) => name.startsWith("app/"));
        for (const [name, blob] of await Promise.all(appNames.map(async (name) => [name, await pack.blob(name)]))) {
          appUrls.set(name, URL.createObjectURL(blob));
        }
        const modules = await moduleUrls(pack, index.page);
        performance.mark("pyinterface:single-file:modules");
        await import(modules.get(index.pageEntry));
      } catch (err) {
        showFailure(err);
      }
    }, { once: true });
  }

  /** Say in the page that the app could not start, and why (a damaged file, a browser without what this needs). */
  function showFailure(err) {
    console.error(err);
    if (document.querySelector(".pyi-single-file-failure")) return; // the first failure says why
    const message = document.createElement("div");
    message.setAttribute("role", "alert");
    message.className = "pyi-single-file-failure";
    message.textContent = `This app could not start: ${err.message}. It runs in current Chrome, Edge, Firefox and Safari.`;
    document.body.insertBefore(message, document.body.firstChild);
  }

  // -- the worker -----------------------------------------------------------------------------

  function startWorker() {
    self.onmessage = async ({ data, ports: [blocks] }) => {
      // Messages the page sends before worker.mjs runs are kept for it (worker.mjs sets its own onmessage).
      const early = [];
      self.onmessage = (event) => early.push(event.data);
      try {
        const pack = new Pack(data.base, data.files);
        blocks.onmessage = ({ data: entry }) => pack.add(entry);
        serveFetch(pack);
        serveSyncRequests(pack);
        Object.defineProperty(globalThis, "caches", { value: undefined, configurable: true }); // see the top: no snapshot
        // Classic scripts (pyodide.asm.js), for the importScripts below; unpacked beside the modules.
        const classic = data.files.filter((name) => name.startsWith("pyodide/") && name.endsWith(".js"));
        const [scripts, modules] = await Promise.all([
          Promise.all(classic.map(async (name) => [name, URL.createObjectURL(await pack.blob(name))])).then((pairs) => new Map(pairs)),
          moduleUrls(pack, data.modules),
        ]);
        const importScripts = globalThis.importScripts.bind(globalThis);
        globalThis.importScripts = (...urls) => importScripts(...urls.map((url) => scripts.get(pack.nameOf(String(url))) ?? url));
        performance.mark("pyinterface:single-file:worker-unpacked");
        globalThis[KEY] = { base: data.base, moduleUrl: (url) => modules.get(pack.nameOf(url)) ?? url };
        const { makeStartRuntime } = await import(modules.get(PROTOCOL));
        await import(modules.get(data.entry));
        // Boot the runtime now, as early-start.mjs has a folder export's page do: the page's
        // load-app only comes once its own modules have loaded. Then what the page sent meanwhile.
        self.dispatchEvent(new MessageEvent("message", { data: makeStartRuntime(data.start) }));
        for (const message of early) self.dispatchEvent(new MessageEvent("message", { data: message }));
      } catch (err) {
        setTimeout(() => {
          throw err; // an error event: the page's client reports the worker failed to start, with this message
        });
      }
    };
  }

  if (typeof document === "undefined") startWorker();
  else {
    try {
      startPage(document.currentScript.text);
    } catch (err) {
      showFailure(err);
    }
  }
})();
