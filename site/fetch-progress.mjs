// Count the bytes of every fetch() so the loading screen can say "4.2 of 13.6 MB".
//
// Pyodide fetches its wasm, its standard library and each package with the global fetch();
// worker.mjs replaces that fetch with `meter.fetch` before loading anything. The body of each
// response is passed through a counting stream; nothing is buffered or changed. Headers and
// status are kept, so WebAssembly.instantiateStreaming still sees `application/wasm`.

/**
 * @typedef {{ loaded: number, total: number, files: number, current: string }} ByteCount
 *   `total` sums Content-Length of the responses seen so far (it grows as files start);
 *   `current` is the name of the file that most recently started or received bytes.
 */

/** The last path segment of a URL, for display ("numpy-2.0.2-....whl"). */
export function fileName(url) {
  const path = String(url).split(/[?#]/)[0];
  const name = path.slice(path.lastIndexOf("/") + 1);
  return decodeURIComponent(name || path);
}

/** "4.2 MB", "812 kB", "96 B". */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/**
 * Wrap `fetchImpl` so every response body is counted.
 * @param {typeof fetch} fetchImpl
 * @param {(count: ByteCount) => void} onChange called after each chunk and when a file starts
 * @returns {{ fetch: typeof fetch, count: ByteCount, mark(): ByteCount }}
 *   `mark()` returns a snapshot; subtract it from `count` to measure one stage.
 */
export function createFetchMeter(fetchImpl, onChange) {
  const count = { loaded: 0, total: 0, files: 0, current: "" };

  async function meteredFetch(input, init) {
    const response = await fetchImpl(input, init);
    if (!response.ok || !response.body) return response;
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const name = fileName(url);
    const declared = Number(response.headers.get("content-length")) || 0;
    let seen = 0;
    count.total += declared;
    count.files += 1;
    count.current = name;
    onChange(count);
    const reader = response.body.getReader();
    const counted = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        seen += value.byteLength;
        count.loaded += value.byteLength;
        // A compressed response declares fewer bytes than its body has: grow the total.
        if (seen > declared) count.total += seen - Math.max(declared, seen - value.byteLength);
        count.current = name;
        onChange(count);
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  return { fetch: meteredFetch, count, mark: () => ({ ...count }) };
}

/** Bytes counted since `mark` (a snapshot from `meter.mark()`). */
export function since(count, mark) {
  return { loaded: count.loaded - mark.loaded, total: count.total - mark.total, files: count.files - mark.files, current: count.current };
}
