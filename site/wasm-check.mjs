// Is WebAssembly allowed here? Asked in the worker before the runtime's download starts.
//
// A Content-Security-Policy whose script-src lacks 'wasm-unsafe-eval' refuses to compile any
// WebAssembly: a host's header on the worker's script, or, for a worker started from a Blob
// (a single-file export, a bridge on another origin), the page's own policy. Pyodide would
// then fail only after downloading its 10 MB runtime, and its CompileError reached nothing but
// the console, so the page sat on "Downloading the Python runtime". Compiling the smallest
// module there is (the 8-byte header: "\0asm", version 1) answers in well under a millisecond.

const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** The plain message a page shows when WebAssembly is refused (`detail`: the browser's reason). */
export function wasmRefusedMessage(detail) {
  return (
    "Python cannot start: this site's Content-Security-Policy does not allow WebAssembly, which " +
    "Python in the browser needs. The site's owner can fix it by adding 'wasm-unsafe-eval' to " +
    "script-src in the Content-Security-Policy header sent with the page and with " +
    `pyinterface/worker.mjs. (The browser said: ${detail})`
  );
}

/**
 * Throw an Error with wasmRefusedMessage when this context may not compile WebAssembly;
 * return quietly when it may (or when there is no WebAssembly to ask, which the runtime's
 * own error then explains).
 */
export function checkWebAssemblyAllowed() {
  if (typeof WebAssembly !== "object") return;
  try {
    new WebAssembly.Module(EMPTY_MODULE);
  } catch (err) {
    const error = new Error(wasmRefusedMessage(err?.message || String(err)));
    error.name = "WebAssemblyRefused";
    throw error;
  }
}
